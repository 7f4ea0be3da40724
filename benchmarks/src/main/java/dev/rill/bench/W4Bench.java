package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * W4 (tumbling event-time window of 1,000 ms, count per color; sources p=2, sink p=1) at
 * {@link Events#N} events per operation: scores are events per second. Every variant's output
 * (the sorted triples) is checked against the plain loop's.
 */
public class W4Bench extends CheckedWorkload<W4Result> {
    public W4Bench() {
        super("W4", Reference::w4);
    }

    @Benchmark
    public W4Result rill() {
        return check("rill", RillRuns.w4(Events.N));
    }

    /**
     * W4 with {@code @Aggregate(merge = "sum")} declared: the sources pre-aggregate per color and
     * window, and only partial counts cross threads.
     */
    @Benchmark
    public W4Result rillPreAggregated() {
        return check("rillPreAggregated", RillRuns.w4PreAggregated(Events.N));
    }

    @Benchmark
    public W4Result handWritten() {
        return check("handWritten", HandWritten.w4(Events.N));
    }

    /** The floor for an exchange: {@link HandWrittenExchange}, the same threads and batches as Rill's plan. */
    @Benchmark
    public W4Result handWrittenExchange() {
        return check("handWrittenExchange", HandWrittenExchange.w4(Events.N));
    }

    /**
     * The same with SPEC's (Flink's) key groups instead of the lowest hash bit: the floor for an
     * engine that partitions as SPEC says, as Rill does.
     */
    @Benchmark
    public W4Result handWrittenExchangeKeyGroups() {
        return check("handWrittenExchangeKeyGroups",
                HandWrittenExchange.w4(Events.N, HandWrittenExchange.Partition.KEY_GROUPS));
    }

    @Benchmark
    public W4Result streamSequential() {
        return check("streamSequential", Streams.w4(Events.N, false));
    }

    @Benchmark
    public W4Result streamParallel() {
        return check("streamParallel", Streams.w4(Events.N, true));
    }
}
