package dev.rill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rill.bench.example.ExampleBenchmark;
import dev.rill.runtime.exchange.BatchChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every benchmarked variant produces the reference output at test size (N = 100,000), so
 * {@code mvn verify} catches a broken benchmark without running JMH.
 */
class VariantsTest {
    private static final long N = 100_000;

    @Test
    void referenceOutputsLookRight() {
        W2Result w2 = Reference.w2(N);
        assertEquals(4, w2.counts().size());
        assertEquals(w2.updates(), w2.counts().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(65_536, Reference.w3(N).keys());
    }

    @Test
    void w1VariantsMatchTheReference() {
        long expected = Reference.w1(N);
        assertEquals(expected, RillRuns.w1(N), "rill");
        assertEquals(expected, Streams.w1(N, false), "stream sequential");
        assertEquals(expected, Streams.w1(N, true), "stream parallel");
    }

    @Test
    void w2VariantsMatchTheReference() {
        W2Result expected = Reference.w2(N);
        assertEquals(expected, RillRuns.w2(N), "rill");
        assertEquals(expected, RillOneThread.w2(N), "rill on one thread");
        assertEquals(expected, HandWrittenTwoThreads.w2(N), "two threads");
        assertEquals(expected, HandWrittenExchange.w2(N), "hand-written exchange");
        assertEquals(expected, HandWrittenExchange.w2(N, HandWrittenExchange.Partition.KEY_GROUPS),
                "hand-written exchange, key groups");
        assertEquals(expected, Streams.w2(N, false), "stream sequential");
        assertEquals(expected, Streams.w2(N, true), "stream parallel");
    }

    @Test
    void w3VariantsMatchTheReference() {
        W3Result expected = Reference.w3(N);
        assertEquals(expected, RillRuns.w3(N), "rill");
        assertEquals(expected, RillOneThread.w3(N), "rill on one thread");
        assertEquals(expected, HandWrittenTwoThreads.w3(N), "two threads");
        assertEquals(expected, HandWrittenExchange.w3(N), "hand-written exchange");
        assertEquals(expected, HandWrittenColocated.w3(N), "hand-written, co-located");
        assertEquals(expected, Streams.w3(N, false), "stream sequential");
        assertEquals(expected, Streams.w3(N, true), "stream parallel");
    }

    /**
     * The co-located and one-thread variants' end of input: nothing at all, fewer rows than one local batch,
     * and exactly one full crossing batch plus a row (co-located: W3_ROWS; the one-thread driver:
     * 4,096 rows), each against the plain loop.
     */
    @Test
    void coLocatedAndOneThreadVariantsEndRightAtEverySize() {
        for (long n : new long[] {0, 1, 7, 2 * (2 * HandWrittenExchange.ROWS) + 2,
                2 * (2 * HandWrittenExchange.W3_ROWS) + 2, 1_000_003}) {
            assertEquals(HandWritten.w3(n), HandWrittenColocated.w3(n), "n = " + n);
            assertEquals(HandWritten.w3(n), RillOneThread.w3(n), "rill on one thread, n = " + n);
            assertEquals(n, RillOneThread.w3SourcesOnly(n), "W3's sources on one thread hand over a row per event, n = " + n);
            assertEquals(HandWritten.w2(n), RillOneThread.w2(n), "W2, rill on one thread, n = " + n);
        }
    }

    /**
     * RunCostBench's Rill runs, the empty one included, against the loop (and the empty one
     * against no output at all); its loop variant passes its own check; and the check bites.
     */
    @Test
    void runCostBenchChecksEveryRun() {
        RunCostBench bench = new RunCostBench();
        for (long n : new long[] {0, 1, N}) {
            bench.n = n;
            bench.computeReference();
            assertEquals(HandWritten.w2(n), bench.rill(), "rill, n = " + n);
            bench.handWritten(); // throws if it disagrees with the reference
        }
        bench.n = 0;
        bench.computeReference();
        assertEquals(new W2Result(Map.of(), 0), bench.rill(), "an empty run: no color, no update");
        bench.n = 1; // the reference is still the empty run's
        assertThrows(IllegalStateException.class, bench::rill, "a run with other output than the reference's");
    }

    @Test
    void w4VariantsMatchTheReference() {
        W4Result expected = Reference.w4(N);
        assertEquals(N / 1_000 * 5, expected.counts().size(), "100 windows of five colors");
        assertEquals(w4ByWindowAndColor(N), expected, "the benchmark's hand-written loop");
        assertEquals(expected, RillRuns.w4(N), "rill");
        assertEquals(expected, RillRuns.w4PreAggregated(N), "rill, pre-aggregated");
        assertEquals(expected, HandWrittenExchange.w4(N), "hand-written exchange");
        assertEquals(expected, HandWrittenExchange.w4(N, HandWrittenExchange.Partition.KEY_GROUPS),
                "hand-written exchange, key groups");
        assertEquals(expected, Streams.w4(N, false), "stream sequential");
        assertEquals(expected, Streams.w4(N, true), "stream parallel");
    }

    /**
     * W4 by the slowest obvious loop (as W4Test in integration-tests), independent of the
     * one-open-window assumption of {@link HandWritten#w4}: every window kept until the end.
     */
    private static W4Result w4ByWindowAndColor(long n) {
        Map<Long, Map<String, Long>> counts = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            Event e = Events.event(i);
            long start = e.timestamp() - Math.floorMod(e.timestamp(), 1_000L);
            counts.computeIfAbsent(start, k -> new TreeMap<>()).merge(e.color(), 1L, Long::sum);
        }
        List<W4Result.Count> out = new ArrayList<>();
        counts.forEach((start, byColor) -> byColor.forEach((color, c) -> out.add(new W4Result.Count(start, color, c))));
        return new W4Result(out);
    }

    @Test
    void exchangesDeliverEveryElement() {
        long expected = Exchanges.expected(N);
        assertEquals(expected, Exchanges.batchChannel(N), "rill batch channel");
        assertEquals(expected, Exchanges.spscArrayQueue(N), "jctools spsc");
        assertEquals(expected, Exchanges.batchChannel(N, BatchChannel.LARGE_BATCH_ROWS), "rill batch channel, large batches");
        assertEquals(expected, Exchanges.spscArrayQueue(N, Exchanges.LARGE_CAPACITY), "jctools spsc, large capacity");
        assertEquals(expected, Exchanges.arrayBlockingQueue(N), "array blocking queue");
    }

    @Test
    void longLivedLinksDeliverEveryElementOfEachHandOff() {
        // Computed here rather than with LongLivedExchanges.expected, so a wrong formula there fails.
        long[] counts = {N, 3 * 1_024, 1, 1_025};
        LongLivedExchanges.Link rill = LongLivedExchanges.batchChannel();
        LongLivedExchanges.Link jctools = LongLivedExchanges.spscArrayQueue();
        // a hand-off that left rows behind would leave its consumer waiting: fail, do not hang
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (long count : counts) {
                long expected = 0;
                for (long i = 0; i < count; i++) {
                    expected += i;
                }
                assertEquals(expected, LongLivedExchanges.expected(count), "formula, " + count);
                assertEquals(expected, rill.handOff(count), "rill batch channel, " + count + " elements");
                assertEquals(expected, jctools.handOff(count), "jctools spsc, " + count + " elements");
            }
        });
    }

    @Test
    void longLivedStateFoldsAddUpOverOperations() {
        // rill() checks every key's count and sum after each fold and throws if they are off
        LongLivedStateBench perOperation = new LongLivedStateBench();
        perOperation.age = "perOperation";
        perOperation.promoted();
        perOperation.perOperation();
        perOperation.rill();
        perOperation.perOperation();
        perOperation.rill();

        LongLivedStateBench promoted = new LongLivedStateBench();
        promoted.age = "promoted";
        promoted.promoted();
        promoted.perOperation();
        long first = promoted.rill();
        promoted.perOperation();
        assertEquals(2 * first, promoted.rill(), "the promoted state keeps folding: twice the sums after two operations");
    }

    @Test
    void exampleBenchmarkRuns() {
        ExampleBenchmark bench = new ExampleBenchmark();
        bench.events = 10_000;
        bench.reference();
        bench.rill();
        bench.handWritten();
    }

    @Test
    void aWrongResultFailsTheCheck() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Reference.check("broken", 1L, 2L));
    }
}
