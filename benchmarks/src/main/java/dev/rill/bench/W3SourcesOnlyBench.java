package dev.rill.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code W3Bench.rillOneThread} without the keyed chains' work ({@link RillOneThread#w3SourcesOnly}):
 * the sources' chains, the key groups' routing and the batches' hand-over on one thread, every
 * batch released unread. Beside {@code W3Bench.rillOneThread} (run them together) it splits
 * Rill's work per event between the source side and the keyed side. Its output is the number
 * of rows handed over, one per event, checked on every operation. Not a workload of its own,
 * so not a {@link CheckedWorkload}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Events.N)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class W3SourcesOnlyBench {
    @Benchmark
    public long rillOneThread() {
        long rows = RillOneThread.w3SourcesOnly(Events.N);
        if (rows != Events.N) {
            throw new IllegalStateException("W3 sources only: " + rows + " rows handed over, expected " + Events.N);
        }
        return rows;
    }
}
