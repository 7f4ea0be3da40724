package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.StageMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3, a bounded source that emits nothing: the end of input must still travel through the
 * hash and rebalance exchanges, so run() returns (no hang), the sink is never called, and every
 * stage reports 0 in and 0 out.
 */
class EmptySourceTest {
    @Pipeline(parallelism = 2)
    static class Empty {
        private final LongAdder sinkCalls;

        Empty(LongAdder sinkCalls) {
            this.sinkCalls = sinkCalls;
        }

        @Source
        public void events(Emitter<Event> out) {
            // emits nothing
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
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
        public void results(String color, long count) {
            sinkCalls.increment();
        }
    }

    @Test
    void runReturnsWithNothingDelivered() throws InterruptedException {
        LongAdder sinkCalls = new LongAdder();
        PipelineResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> RillEmptySourceTest_Empty.create(() -> new Empty(sinkCalls)).run());

        assertEquals(0, sinkCalls.sum(), "sink calls");
        assertEquals(5, result.stages().size(), "stages reported: " + result.stages());
        for (StageMetrics stage : result.stages()) {
            assertEquals(0, stage.elementsIn(), stage.stage() + " in");
            assertEquals(0, stage.elementsOut(), stage.stage() + " out");
        }
        RillThreads.assertNoneAlive();
    }
}
