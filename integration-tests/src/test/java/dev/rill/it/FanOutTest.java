package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.From;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, fan-out: several stages reading one stage (@From) each receive every element. (1) One
 * branch runs at the source's parallelism (fused into its chain), the other at a different
 * parallelism (behind an exchange); both must see each of the N events exactly once. (2) Two
 * sinks read one @Aggregate's (key, value) pairs, one as two parameters and one as Keyed;
 * both must see every update and end with the loop's count per color.
 */
class FanOutTest {
    static final int N = 20_000;

    @Pipeline(parallelism = 2)
    static class FanOut {
        private final AtomicIntegerArray fused;
        private final AtomicIntegerArray exchanged;

        FanOut(AtomicIntegerArray fused, AtomicIntegerArray exchanged) {
            this.fused = fused;
            this.exchanged = exchanged;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Sink
        @From("events")
        public void fused(Event e) {
            fused.incrementAndGet((int) e.id());
        }

        @Sink(parallelism = 3)
        @From("events")
        public void exchanged(Event e) {
            exchanged.incrementAndGet((int) e.id());
        }
    }

    @Pipeline(parallelism = 2)
    static class FanOutOfPairs {
        private final Map<String, Long> pairs;
        private final Map<String, Long> keyed;
        private final LongAdder updates;

        FanOutOfPairs(Map<String, Long> pairs, Map<String, Long> keyed, LongAdder updates) {
            this.pairs = pairs;
            this.keyed = keyed;
            this.updates = updates;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink
        @From("count")
        public void asPair(String color, long count) {
            pairs.merge(color, count, Math::max);
            updates.increment();
        }

        @Sink(parallelism = 1)
        @From("count")
        public void asKeyed(Keyed<String, Long> count) {
            keyed.merge(count.key(), count.value(), Math::max);
            updates.increment();
        }
    }

    @Test
    void everyBranchReceivesEveryElementOnce() {
        AtomicIntegerArray fused = new AtomicIntegerArray(N);
        AtomicIntegerArray exchanged = new AtomicIntegerArray(N);
        PipelineResult result = RillFanOutTest_FanOut.create(() -> new FanOut(fused, exchanged)).run();

        for (int i = 0; i < N; i++) {
            assertEquals(1, fused.get(i), "times the fused branch saw event " + i);
            assertEquals(1, exchanged.get(i), "times the exchanged branch saw event " + i);
        }
        assertEquals(N, result.stage("events").elementsOut());
        assertEquals(N, result.stage("fused").elementsIn());
        assertEquals(N, result.stage("exchanged").elementsIn());
    }

    @Test
    void everyReaderOfAnAggregateReceivesEveryUpdate() {
        Map<String, Long> pairs = new ConcurrentHashMap<>();
        Map<String, Long> keyed = new ConcurrentHashMap<>();
        LongAdder updates = new LongAdder();
        RillFanOutTest_FanOutOfPairs.create(() -> new FanOutOfPairs(pairs, keyed, updates)).run();

        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            expected.merge(Workloads.event(i).color(), 1L, Long::sum);
        }
        assertEquals(expected, pairs, "final counts seen as (key, value)");
        assertEquals(expected, keyed, "final counts seen as Keyed");
        assertEquals(2L * N, updates.sum(), "updates: every one reaches both sinks");
    }
}
