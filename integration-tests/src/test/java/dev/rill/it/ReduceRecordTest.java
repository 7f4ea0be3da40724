package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Reduce;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, @Reduce on a record: the running maximum Event per color (ties broken by the larger
 * id, so the answer does not depend on arrival order). The sink's last value per color must be
 * the Event a plain loop finds, and it receives one update per event.
 */
class ReduceRecordTest {
    static final long N = Workloads.N;

    static Event larger(Event a, Event b) {
        if (a.value() != b.value()) {
            return a.value() > b.value() ? a : b;
        }
        return a.id() >= b.id() ? a : b;
    }

    @Pipeline(parallelism = 2)
    static class MaxPerColor {
        private final Map<String, Event> last;

        MaxPerColor(Map<String, Event> last) {
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

        @Reduce
        public Event max(Event acc, Event e) {
            return larger(acc, e);
        }

        @Sink(parallelism = 1)
        public void results(String color, Event max) {
            last.put(color, max);
        }
    }

    @Test
    void lastReducedValueIsTheLoopsMaximum() {
        Map<String, Event> last = new ConcurrentHashMap<>();
        PipelineResult result = RillReduceRecordTest_MaxPerColor.create(() -> new MaxPerColor(last)).run();

        Map<String, Event> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            Event e = Workloads.event(i);
            expected.merge(e.color(), e, ReduceRecordTest::larger);
        }
        assertEquals(expected, last, "max Event per color");
        assertEquals(N, result.stage("max").elementsOut(), "max emits once per element");
        assertEquals(N, result.stage("results").elementsIn());
    }
}
