package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2: stage methods may be static or instance methods, mixed freely in one pipeline.
 * Static source, instance filter, static transform, static key-by, an instance aggregate reading
 * an instance field and an instance sink (some public, some package-private): the final total
 * per color must equal the loop's.
 */
class StaticAndInstanceStagesTest {
    static final long N = Workloads.N;

    @Pipeline(parallelism = 2)
    static class Mixed {
        private final long weightFactor = 3;
        private final Map<String, Long> last;

        Mixed(Map<String, Long> last) {
            this.last = last;
        }

        @Source
        public static void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @Transform
        static Event identity(Event e) {
            return e;
        }

        @KeyBy
        static String color(Event e) {
            return e.color();
        }

        @Aggregate
        long total(long total, Event e) {
            return total + e.value() * weightFactor + 1;
        }

        @Sink(parallelism = 1)
        void results(String color, long total) {
            last.put(color, total);
        }
    }

    @Test
    void mixedStaticAndInstanceStagesGiveTheLoopsTotals() {
        Map<String, Long> last = new ConcurrentHashMap<>();
        RillStaticAndInstanceStagesTest_Mixed.create(() -> new Mixed(last)).run();

        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            Event e = Workloads.event(i);
            if (Workloads.notOrange(e)) {
                expected.merge(e.color(), e.value() * 3L + 1, Long::sum);
            }
        }
        assertEquals(expected, last);
        assertEquals(Workloads.expectedW1Sum(N), last.values().stream().mapToLong(Long::longValue).sum(),
                "the totals add up to W1's sum");
    }
}
