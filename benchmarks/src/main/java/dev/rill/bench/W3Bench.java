package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * W3 at {@link Events#N} events per operation: scores are events per second. Every
 * variant's output is checked against the plain loop's.
 */
public class W3Bench extends CheckedWorkload<W3Result> {
    public W3Bench() {
        super("W3", Reference::w3);
    }

    @Benchmark
    public W3Result rill() {
        return check("rill", RillRuns.w3(Events.N));
    }

    /**
     * Rill's W3 code with its four subtasks on this one thread ({@link RillOneThread}): Rill's
     * work per event, without threads. Two cores can at most double it, but for their caches.
     */
    @Benchmark
    public W3Result rillOneThread() {
        return check("rillOneThread", RillOneThread.w3(Events.N));
    }

    @Benchmark
    public W3Result handWritten() {
        return check("handWritten", HandWritten.w3(Events.N));
    }

    @Benchmark
    public W3Result handWrittenTwoThreads() {
        return check("handWrittenTwoThreads", HandWrittenTwoThreads.w3(Events.N));
    }

    /** The floor for an exchange: {@link HandWrittenExchange}, the same threads and batches as Rill's plan. */
    @Benchmark
    public W3Result handWrittenExchange() {
        return check("handWrittenExchange", HandWrittenExchange.w3(Events.N));
    }

    @Benchmark
    public W3Result handWrittenColocated() {
        return check("handWrittenColocated", HandWrittenColocated.w3(Events.N));
    }

    @Benchmark
    public W3Result streamSequential() {
        return check("streamSequential", Streams.w3(Events.N, false));
    }

    @Benchmark
    public W3Result streamParallel() {
        return check("streamParallel", Streams.w3(Events.N, true));
    }
}
