package dev.rill.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one whole W2 run costs at several input sizes, to split {@link W2Bench}'s time per
 * event into a fixed part per run (building the channels' batches, starting and joining five
 * threads, the pipeline filling at the start and draining at the end) and a part per event.
 * {@code n = 0} is the fixed part with no event at all; the slope between 10 M and 40 M
 * events is the steady rate, which a pipeline that runs for hours sees. The plain loop beside
 * it has no fixed part to speak of. Scores are milliseconds per run, not a throughput figure.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RunCostBench</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class RunCostBench {
    @Param({"0", "1000000", "10000000", "40000000"})
    long n;

    private W2Result expected;

    @Setup(Level.Trial)
    public void computeReference() {
        expected = Reference.w2(n);
    }

    @Benchmark
    public W2Result rill() {
        return checked("rill", RillRuns.w2(n));
    }

    @Benchmark
    public W2Result handWritten() {
        return checked("handWritten", HandWritten.w2(n));
    }

    /** Every run's output against the loop's: a 4-entry map, so the check costs nothing here. */
    private W2Result checked(String variant, W2Result result) {
        Reference.check("W2 " + variant + " at n = " + n, expected, result);
        return result;
    }
}
