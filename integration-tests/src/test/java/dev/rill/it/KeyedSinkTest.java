package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2: after @Aggregate the next stage may take one Keyed<K, A> instead of (K, A). Checked
 * with a String key behind a rebalance to one sink, and with a primitive int key (boxed only
 * because the sink asks for Keyed) on a forward connection.
 */
class KeyedSinkTest {
    static final long N = Workloads.N;

    @Pipeline(parallelism = 2)
    static class ColorCounts {
        private final Map<String, Long> last;

        ColorCounts(Map<String, Long> last) {
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
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(Keyed<String, Long> count) {
            last.put(count.key(), count.value());
        }
    }

    @Pipeline(parallelism = 2)
    static class IntKeySums {
        private final Map<Integer, Long> last;

        IntKeySums(Map<Integer, Long> last) {
            this.last = last;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @KeyBy
        public int key(Event e) {
            return (int) (e.id() % 100);
        }

        @Aggregate
        public long sum(long sum, Event e) {
            return sum + e.value();
        }

        @Sink
        public void results(Keyed<Integer, Long> sum) {
            last.put(sum.key(), sum.value());
        }
    }

    @Test
    void keyedSinkGetsStringKeyAndCount() {
        Map<String, Long> last = new ConcurrentHashMap<>();
        RillKeyedSinkTest_ColorCounts.create(() -> new ColorCounts(last)).run();

        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            expected.merge(Workloads.event(i).color(), 1L, Long::sum);
        }
        assertEquals(expected, last);
    }

    @Test
    void keyedSinkGetsPrimitiveKeyAndSum() {
        Map<Integer, Long> last = new ConcurrentHashMap<>();
        RillKeyedSinkTest_IntKeySums.create(() -> new IntKeySums(last)).run();

        Map<Integer, Long> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            Event e = Workloads.event(i);
            expected.merge((int) (e.id() % 100), (long) e.value(), Long::sum);
        }
        assertEquals(expected, last);
    }
}
