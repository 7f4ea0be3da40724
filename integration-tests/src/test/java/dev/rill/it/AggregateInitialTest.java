package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, @Aggregate with a reference accumulator: (1) an immutable record whose first state
 * comes from a static @Aggregate(initial = ...) method; (2) a mutable accumulator from an
 * instance initial method, called once per new key; (3) no initial, so a boxed accumulator
 * starts at null. Each final state per color must equal the loop's.
 */
class AggregateInitialTest {
    static final long N = Workloads.N;

    record Stats(long count, long sum, int max) {
        static Stats empty() {
            return new Stats(0, 0, -1);
        }

        Stats add(Event e) {
            return new Stats(count + 1, sum + e.value(), Math.max(max, e.value()));
        }
    }

    /** Mutable accumulator. */
    static final class Tally {
        long count;
        long sum;
    }

    static Map<String, Stats> expectedStats() {
        Map<String, Stats> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            Event e = Workloads.event(i);
            expected.put(e.color(), expected.getOrDefault(e.color(), Stats.empty()).add(e));
        }
        return expected;
    }

    @Pipeline(parallelism = 2)
    static class StaticInitial {
        private final Map<String, Stats> last;

        StaticInitial(Map<String, Stats> last) {
            this.last = last;
        }

        static Stats empty() {
            return Stats.empty();
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(initial = "empty")
        public Stats stats(Stats acc, Event e) {
            return acc.add(e);
        }

        @Sink(parallelism = 1)
        public void results(String color, Stats stats) {
            last.put(color, stats);
        }
    }

    @Pipeline(parallelism = 2)
    static class InstanceInitial {
        private final Map<String, Tally> last;
        private final AtomicInteger initialCalls;

        InstanceInitial(Map<String, Tally> last, AtomicInteger initialCalls) {
            this.last = last;
            this.initialCalls = initialCalls;
        }

        Tally fresh() {
            initialCalls.incrementAndGet();
            return new Tally();
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(initial = "fresh")
        public Tally tally(Tally acc, Event e) {
            acc.count++;
            acc.sum += e.value();
            return acc;
        }

        /** Forward-connected to tally (same parallelism): reads the accumulator on its thread. */
        @Sink
        public void results(String color, Tally tally) {
            last.put(color, tally);
        }
    }

    @Pipeline(parallelism = 2)
    static class NullZero {
        private final Map<String, Long> last;

        NullZero(Map<String, Long> last) {
            this.last = last;
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
        public Long count(Long acc, Event e) {
            return acc == null ? 1L : acc + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, Long count) {
            last.put(color, count);
        }
    }

    @Test
    void staticInitialRecordAccumulator() {
        Map<String, Stats> last = new ConcurrentHashMap<>();
        RillAggregateInitialTest_StaticInitial.create(() -> new StaticInitial(last)).run();
        assertEquals(expectedStats(), last);
    }

    @Test
    void instanceInitialMutableAccumulator() {
        Map<String, Tally> last = new ConcurrentHashMap<>();
        AtomicInteger initialCalls = new AtomicInteger();
        RillAggregateInitialTest_InstanceInitial.create(() -> new InstanceInitial(last, initialCalls)).run();

        Map<String, Stats> expected = expectedStats();
        assertEquals(expected.keySet(), last.keySet());
        for (String color : expected.keySet()) {
            assertEquals(expected.get(color).count(), last.get(color).count, color + " count");
            assertEquals(expected.get(color).sum(), last.get(color).sum, color + " sum");
        }
        assertEquals(expected.size(), initialCalls.get(), "initial() calls: one per new key");
    }

    @Test
    void referenceAccumulatorStartsAtNull() {
        Map<String, Long> last = new ConcurrentHashMap<>();
        RillAggregateInitialTest_NullZero.create(() -> new NullZero(last)).run();

        Map<String, Long> expected = new HashMap<>();
        expectedStats().forEach((color, stats) -> expected.put(color, stats.count()));
        assertEquals(expected, last);
    }
}
