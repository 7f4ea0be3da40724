package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * W1 (filter, transform, sum; parallelism 1) at {@link Events#N} events per operation: scores
 * are events per second. Every variant's output is checked against the plain loop's.
 */
public class W1Bench extends CheckedWorkload<Long> {
    public W1Bench() {
        super("W1", Reference::w1);
    }

    @Benchmark
    public long rill() {
        return check("rill", RillRuns.w1(Events.N));
    }

    @Benchmark
    public long handWritten() {
        return check("handWritten", HandWritten.w1(Events.N));
    }

    @Benchmark
    public long streamSequential() {
        return check("streamSequential", Streams.w1(Events.N, false));
    }

    @Benchmark
    public long streamParallel() {
        return check("streamParallel", Streams.w1(Events.N, true));
    }
}
