package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@code W3Bench.rillOneThread} without the keyed chains' work ({@link RillOneThread#w3SourcesOnly}):
 * the sources' chains, the key groups' routing and the batches' hand-over on one thread, every
 * batch released unread. Beside {@code W3Bench.rillOneThread} (run them together) it splits
 * Rill's work per event between the source side and the keyed side. Its output is the number
 * of rows handed over, one per event, checked on every operation. Not a workload of its own,
 * so not a {@link CheckedWorkload}.
 */
public class W3SourcesOnlyBench extends PerEventBenchmark {
    @Benchmark
    public long rillOneThread() {
        long rows = RillOneThread.w3SourcesOnly(Events.N);
        if (rows != Events.N) {
            throw new IllegalStateException("W3 sources only: " + rows + " rows handed over, expected " + Events.N);
        }
        return rows;
    }
}
