package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Garbage collections in the middle of a run: after each one, every batch of every channel
 * takes a new reference array when it is next recycled (the runtime's {@code Batch.recycle()}),
 * while producers keep writing rows. Each element is a fresh string that crosses the exchange
 * as a reference; every key's last running sum must equal the plain loop's.
 */
class GarbageCollectionTest {
    static final int N = 200_000;
    static final int KEYS = 997;
    /** Each source subtask asks for a full collection every this many elements. */
    static final int GC_EVERY = 25_000;

    @Pipeline(parallelism = 2)
    static final class Sums {
        private final Map<Integer, Long> lastSum;
        private final AtomicLong updates;

        Sums(Map<Integer, Long> lastSum, AtomicLong updates) {
            this.lastSum = lastSum;
            this.updates = updates;
        }

        @Source
        public void values(SourceContext ctx, Emitter<String> out) {
            long from = ctx.subtaskIndex() * (long) N / ctx.parallelism();
            long to = (ctx.subtaskIndex() + 1) * (long) N / ctx.parallelism();
            for (long i = from; i < to; i++) {
                if ((i - from) % GC_EVERY == GC_EVERY - 1) {
                    System.gc();
                }
                out.emit("v" + i);
            }
        }

        @KeyBy
        public int key(String value) {
            return (int) (parse(value) % KEYS);
        }

        @Aggregate
        public long sum(long sum, String value) {
            return sum + parse(value);
        }

        @Sink(parallelism = 1)
        public void last(int key, long sum) {
            lastSum.put(key, sum);
            updates.incrementAndGet();
        }

        static long parse(String value) {
            return Long.parseLong(value, 1, value.length(), 10);
        }
    }

    @Test
    void rowsWrittenAcrossCollectionsAllArriveIntact() {
        Map<Integer, Long> lastSum = new ConcurrentHashMap<>();
        AtomicLong updates = new AtomicLong();
        PipelineResult result = RillGarbageCollectionTest_Sums.create(() -> new Sums(lastSum, updates)).run();

        long[] expected = new long[KEYS];
        for (long i = 0; i < N; i++) {
            expected[(int) (i % KEYS)] += i;
        }
        assertEquals(KEYS, lastSum.size(), "keys");
        for (int k = 0; k < KEYS; k++) {
            assertEquals(expected[k], lastSum.get(k), "last sum of key " + k);
        }
        assertEquals(N, updates.get(), "every element reached the sink once");
        assertEquals(N, result.stage("sum").elementsIn(), "sum in");
    }
}
