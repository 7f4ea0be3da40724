package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.EventTime;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.annotation.Window;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Primitives of 32 bits or fewer share a {@code long} of a batch row two by two (the processor's
 * {@code RowLayout}): an {@code int} key in the lower half, the next value or-ed into the upper
 * half. What a keyed stage gets must still be what the stage before the exchange made: negative
 * keys and values (whose sign bits must not leak into the other half), the ends of the int
 * range, every narrow kind in a record (NaN and negative zero floats, chars past 0x7FFF),
 * null records, whose key fills a long alone, and a pre-aggregated window's partial. Expected
 * totals come from the same functions in a plain loop.
 */
class PackedRowTest {
    static final long N = 50_000;

    /** Every int, negative ones and both ends of the range included. */
    static int value(long id) {
        if (id % 1_000 == 7) {
            return id % 2 == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        return (int) Workloads.mix(id);
    }

    static int bucket(int v) {
        return v % 5; // -4 to 4
    }

    /** Emits {@code make(i)} for this source subtask's share of {@code 0..N-1}. */
    static <T> void emitRange(SourceContext ctx, LongFunction<T> make, Emitter<T> out) {
        long to = N * (ctx.subtaskIndex() + 1) / ctx.parallelism();
        for (long i = N * ctx.subtaskIndex() / ctx.parallelism(); i < to; i++) {
            out.emit(make.apply(i));
        }
    }

    /** An int key and an int element: one long per row. */
    @Pipeline(parallelism = 2)
    static final class IntPairs {
        private final Map<Integer, Long> last;

        IntPairs(Map<Integer, Long> last) {
            this.last = last;
        }

        @Source
        public void ids(SourceContext ctx, Emitter<Long> out) {
            emitRange(ctx, Long::valueOf, out);
        }

        @Transform
        public int value(long id) {
            return PackedRowTest.value(id);
        }

        @KeyBy
        public int bucket(int v) {
            return PackedRowTest.bucket(v);
        }

        @Aggregate
        public long sum(long acc, int v) {
            return acc + v;
        }

        @Sink
        public void results(int bucket, long sum) {
            last.put(bucket, sum);
        }
    }

    /** Narrow components only: key and delta share a long, then level and up, ratio and code; b has one alone. */
    record Tick(int delta, short level, boolean up, float ratio, char code, byte b) {
    }

    static Tick tick(long i) {
        if (i % 11 == 4) {
            return null;
        }
        float[] specials = {Float.NaN, -0.0f, Float.MIN_VALUE, -Float.MAX_VALUE};
        return new Tick(value(i), (short) -(i % 40_000), i % 3 == 0, i % 17 == 0 ? specials[(int) (i % 4)] : i / -3f,
                (char) (0xFFFF - i % 500), (byte) -i);
    }

    static int tickKey(Tick t) {
        return t == null ? Integer.MIN_VALUE : t.delta() % 7;
    }

    /** Every component, each with its own weight, so that a value read from the wrong half changes the total. */
    static long weigh(Tick t) {
        return t == null ? 1_000_003L
                : t.delta() * 31L + t.level() * 1_009L + (t.up() ? 7 : 0) + Float.floatToRawIntBits(t.ratio()) * 3L
                        + t.code() * 101L + t.b() * 13L;
    }

    @Pipeline(parallelism = 2)
    static final class Ticks {
        private final Map<Integer, Long> last;

        Ticks(Map<Integer, Long> last) {
            this.last = last;
        }

        @Source
        public void ticks(SourceContext ctx, Emitter<Tick> out) {
            emitRange(ctx, PackedRowTest::tick, out);
        }

        @KeyBy
        public int key(Tick t) {
            return tickKey(t);
        }

        @Aggregate
        public long fold(long acc, Tick t) {
            return acc + weigh(t); // reads every component, so every one crosses
        }

        @Sink
        public void results(int key, long total) {
            last.put(key, total);
        }
    }

    /**
     * A pre-aggregated window of an int key and an int accumulator: the partial's row packs key
     * and partial into one long, beside the window's start and the late count.
     */
    @Pipeline(parallelism = 2)
    static final class IntWindows {
        private final Map<List<Long>, Integer> fired;

        IntWindows(Map<List<Long>, Integer> fired) {
            this.fired = fired;
        }

        @Source
        public void ids(SourceContext ctx, Emitter<Long> out) {
            emitRange(ctx, Long::valueOf, out);
        }

        @EventTime
        public long time(Long id) {
            return id;
        }

        @KeyBy
        public int key(Long id) {
            return bucket(value(id));
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000)
        public int count(int count, Long id) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(int key, int count, TimeWindow window) {
            fired.put(List.of((long) key, window.start()), count);
        }

        static int sum(int a, int b) {
            return a + b;
        }
    }

    @Test
    void anIntKeyAndAnIntElementSharingALongArriveIntact() {
        Map<Integer, Long> last = new ConcurrentHashMap<>();
        RillPackedRowTest_IntPairs.create(() -> new IntPairs(last)).run();

        Map<Integer, Long> expected = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            int v = value(i);
            expected.merge(bucket(v), (long) v, Long::sum);
        }
        assertEquals(9, expected.size(), "buckets -4 to 4");
        assertEquals(expected, new TreeMap<>(last));
    }

    @Test
    void anIntKeyAndAnIntPartialSharingALongArriveIntact() {
        Map<List<Long>, Integer> fired = new ConcurrentHashMap<>();
        RillPackedRowTest_IntWindows.create(() -> new IntWindows(fired)).run();

        Map<List<Long>, Integer> expected = new TreeMap<>(PackedRowTest::compare);
        for (long i = 0; i < N; i++) {
            expected.merge(List.of((long) bucket(value(i)), i / 1_000 * 1_000), 1, Integer::sum);
        }
        Map<List<Long>, Integer> got = new TreeMap<>(PackedRowTest::compare);
        got.putAll(fired);
        assertEquals(9 * (N / 1_000), expected.size(), "buckets -4 to 4 in every window");
        assertEquals(expected, got);
    }

    private static int compare(List<Long> a, List<Long> b) {
        int byKey = Long.compare(a.get(0), b.get(0));
        return byKey != 0 ? byKey : Long.compare(a.get(1), b.get(1));
    }

    @Test
    void everyNarrowComponentOfARecordAndItsNullsArriveIntact() {
        Map<Integer, Long> last = new ConcurrentHashMap<>();
        RillPackedRowTest_Ticks.create(() -> new Ticks(last)).run();

        Map<Integer, Long> expected = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            Tick t = tick(i);
            expected.merge(tickKey(t), weigh(t), Long::sum);
        }
        assertEquals(14, expected.size(), "keys -6 to 6 and the null records' key");
        assertEquals(expected, new TreeMap<>(last));
    }
}
