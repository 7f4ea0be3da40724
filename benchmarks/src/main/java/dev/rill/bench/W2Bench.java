package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * W2 at {@link Events#N} events per operation: scores are events per second. Every
 * variant's output is checked against the plain loop's.
 */
public class W2Bench extends CheckedWorkload<W2Result> {
    public W2Bench() {
        super("W2", Reference::w2);
    }

    @Benchmark
    public W2Result rill() {
        return check("rill", RillRuns.w2(Events.N));
    }

    /**
     * Rill's W2 code with its five subtasks on this one thread ({@link RillOneThread}): Rill's
     * work per event, without threads. Two cores can at most double it, but for their caches.
     */
    @Benchmark
    public W2Result rillOneThread() {
        return check("rillOneThread", RillOneThread.w2(Events.N));
    }

    @Benchmark
    public W2Result handWritten() {
        return check("handWritten", HandWritten.w2(Events.N));
    }

    @Benchmark
    public W2Result handWrittenTwoThreads() {
        return check("handWrittenTwoThreads", HandWrittenTwoThreads.w2(Events.N));
    }

    /** The floor for an exchange: {@link HandWrittenExchange}, the same threads and batches as Rill's plan. */
    @Benchmark
    public W2Result handWrittenExchange() {
        return check("handWrittenExchange", HandWrittenExchange.w2(Events.N));
    }

    /**
     * The same with SPEC's (Flink's) key groups instead of the lowest hash bit: the floor for an
     * engine that partitions as SPEC says, as Rill does.
     */
    @Benchmark
    public W2Result handWrittenExchangeKeyGroups() {
        return check("handWrittenExchangeKeyGroups",
                HandWrittenExchange.w2(Events.N, HandWrittenExchange.Partition.KEY_GROUPS));
    }

    @Benchmark
    public W2Result streamSequential() {
        return check("streamSequential", Streams.w2(Events.N, false));
    }

    @Benchmark
    public W2Result streamParallel() {
        return check("streamParallel", Streams.w2(Events.N, true));
    }
}
