package dev.rill.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bytes allocated per whole W3 run at two input sizes, to split {@link W3Bench}'s bytes per
 * event into a fixed part per run (channels' batches, keyed-state tables, the sink's arrays)
 * and a part per event: run with {@code -prof gc} and compare {@code gc.alloc.rate.norm}
 * (bytes per operation = per run) between the two sizes. Equal bytes per run means nothing is
 * allocated per event. Scores are milliseconds per run, not a throughput figure.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar W3AllocationBench -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 2, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class W3AllocationBench {
    @Param({"10000000", "40000000"})
    long n;

    @Benchmark
    public W3Result rill() {
        return RillRuns.w3(n);
    }

    @Benchmark
    public W3Result handWritten() {
        return HandWritten.w3(n);
    }
}
