package dev.rill.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The batch size the plan gives each exchange: where an upstream subtask feeds at most two
 * channels, 16,384 rows in a pipeline without event time and 4,096 in one with it (its
 * watermarks move once per batch); the 1,024-row default where it feeds more, since an
 * exchange holds channels x 8 batches in flight.
 */
class ExchangeSizingTest {
    private static String generate(String name, String... stages) {
        return Compilations.generateParallelPipeline(name, stages);
    }

    @Test
    void aWindowedExchangeFeedingTwoChannelsPerUpstreamGetsLargeBatches() {
        String code = generate("Windowed",
                "@Source public void ticks(Emitter<Long> out) { out.emit(1L); }",
                "@EventTime public long time(long t) { return t; }",
                "@KeyBy public long key(long t) { return t % 7; }",
                "@Aggregate @Window(size = 1_000) public long count(long c, long t) { return c + 1; }",
                "@Sink(parallelism = 1) public void out(long k, long c, TimeWindow w) {}");
        assertTrue(code.contains("BatchChannel[][] keyToCount = job.exchange(2, 2, 1, 2, BatchChannel.LARGE_BATCH_ROWS, "
                + "BatchChannel.DEFAULT_RING_BATCHES);"), code);
        assertTrue(code.contains("BatchChannel[][] countToOut = job.exchange(2, 1, 1, 3, BatchChannel.LARGE_BATCH_ROWS, "
                + "BatchChannel.DEFAULT_RING_BATCHES);"), code);
    }

    @Test
    void withoutEventTimeExchangesFeedingAtMostTwoChannelsPerUpstreamGetBulkBatches() {
        String code = generate("Counts",
                "@Source public void ticks(Emitter<Long> out) { out.emit(1L); }",
                "@KeyBy public long key(long t) { return t % 7; }",
                "@Aggregate public long count(long c, long t) { return c + 1; }",
                "@Sink(parallelism = 1) public void out(long k, long c) {}");
        assertTrue(code.contains("BatchChannel[][] keyToCount = job.exchange(2, 2, 1, 1, BatchChannel.BULK_BATCH_ROWS, "
                + "BatchChannel.DEFAULT_RING_BATCHES);"), code);
        assertTrue(code.contains("BatchChannel[][] countToOut = job.exchange(2, 1, 0, 2, BatchChannel.BULK_BATCH_ROWS, "
                + "BatchChannel.DEFAULT_RING_BATCHES);"), code);
    }

    @Test
    void anExchangeFeedingThreeChannelsPerUpstreamKeepsTheDefault() {
        String code = generate("Wide",
                "@Source public void ticks(Emitter<Long> out) { out.emit(1L); }",
                "@KeyBy public long key(long t) { return t % 7; }",
                "@Aggregate(parallelism = 3) public long count(long c, long t) { return c + 1; }",
                "@Sink(parallelism = 3) public void out(long k, long c) {}");
        assertTrue(code.contains("BatchChannel[][] keyToCount = job.exchange(2, 3, 1, 1);"), code);
    }
}
