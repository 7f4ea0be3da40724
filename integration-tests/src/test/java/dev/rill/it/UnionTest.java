package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.From;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, union: @From({"a", "b"}) reads both streams. Source a (parallelism 2) emits events
 * [0, N), source b (parallelism 1) emits [N, 2N); the reader (parallelism 2) must receive each
 * of the 2N events exactly once.
 */
class UnionTest {
    static final int N = 10_000;

    @Pipeline(parallelism = 2)
    static class Union {
        private final AtomicIntegerArray seen;

        Union(AtomicIntegerArray seen) {
            this.seen = seen;
        }

        @Source
        public void a(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Source(parallelism = 1)
        public void b(SourceContext ctx, Emitter<Event> out) {
            emitSecondRange(out);
        }

        @Sink
        @From({"a", "b"})
        public void both(Event e) {
            seen.incrementAndGet((int) e.id());
        }
    }

    /** Source b of every pipeline here: events [N, 2N). */
    static void emitSecondRange(Emitter<Event> out) {
        for (long i = N; i < 2L * N; i++) {
            out.emit(Workloads.event(i));
        }
    }

    @Test
    void readerReceivesBothStreamsOnce() {
        AtomicIntegerArray seen = new AtomicIntegerArray(2 * N);
        PipelineResult result = RillUnionTest_Union.create(() -> new Union(seen)).run();

        for (int i = 0; i < 2 * N; i++) {
            assertEquals(1, seen.get(i), "times the union saw event " + i);
        }
        assertEquals(N, result.stage("a").elementsOut());
        assertEquals(N, result.stage("b").elementsOut());
        assertEquals(2L * N, result.stage("both").elementsIn());
    }

    /**
     * A union whose inputs differ in shape: source a's events reach the exchange right after
     * they are made, b's pass a filter first. Records made right before an exchange may cross it
     * as their components, but the reader reads every input with one loop, so both exchanges
     * must lay their rows out alike (they once did not, and the reader failed on its first row).
     */
    @Pipeline(parallelism = 2)
    static class MixedUnion {
        private final AtomicIntegerArray seen;

        MixedUnion(AtomicIntegerArray seen) {
            this.seen = seen;
        }

        @Source
        public void a(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Source(parallelism = 1)
        public void b(SourceContext ctx, Emitter<Event> out) {
            emitSecondRange(out);
        }

        @Filter
        @From("b")
        public boolean even(Event e) {
            return e.id() % 2 == 0;
        }

        @Sink
        @Rebalance
        @From({"a", "even"})
        public void both(Event e) {
            if (!e.equals(Workloads.event(e.id()))) {
                throw new IllegalStateException("arrived changed: " + e);
            }
            seen.incrementAndGet((int) e.id());
        }
    }

    @Test
    void aUnionOfInputsOfDifferentShapesReadsEachElementWhole() {
        AtomicIntegerArray seen = new AtomicIntegerArray(2 * N);
        PipelineResult result = RillUnionTest_MixedUnion.create(() -> new MixedUnion(seen)).run();

        for (int i = 0; i < 2 * N; i++) {
            int expected = i < N || i % 2 == 0 ? 1 : 0;
            assertEquals(expected, seen.get(i), "times the union saw event " + i);
        }
        assertEquals(N + N / 2, result.stage("both").elementsIn());
    }

    /**
     * The same through one {@code @KeyBy} reading both inputs, a hash exchange from each chain.
     * Its rows never flattened (the {@code @KeyBy} has two inputs, so neither exchange's record
     * was made right before it); this guards that both inputs keep one layout.
     */
    @Pipeline(parallelism = 2)
    static class MixedKeyedUnion {
        private final Map<String, Long> counts;

        MixedKeyedUnion(Map<String, Long> counts) {
            this.counts = counts;
        }

        @Source
        public void a(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Source(parallelism = 1)
        public void b(SourceContext ctx, Emitter<Event> out) {
            emitSecondRange(out);
        }

        @Filter
        @From("b")
        public boolean even(Event e) {
            return e.id() % 2 == 0;
        }

        @KeyBy
        @From({"a", "even"})
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        public long valueSum(long sum, Event e) {
            return sum + e.value();
        }

        @Sink
        public void results(String color, long sum) {
            counts.merge(color, sum, Math::max);
        }
    }

    @Test
    void aKeyedUnionOfInputsOfDifferentShapesFoldsEveryElement() {
        Map<String, Long> sums = new ConcurrentHashMap<>();
        RillUnionTest_MixedKeyedUnion.create(() -> new MixedKeyedUnion(sums)).run();

        Map<String, Long> expected = new TreeMap<>();
        for (long i = 0; i < 2L * N; i++) {
            if (i < N || i % 2 == 0) {
                Event e = Workloads.event(i);
                expected.merge(e.color(), (long) e.value(), Long::sum);
            }
        }
        assertEquals(expected, new TreeMap<>(sums));
    }
}
