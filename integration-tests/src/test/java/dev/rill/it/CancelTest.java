package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.SourceContext;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3: an unbounded source (looping until ctx.isCancelled()) feeding a keyed aggregate and a
 * sink at parallelism 2. After start() and some output, cancel() makes await() return normally
 * within 1 s, with result.cancelled() true, and no rill- thread alive afterwards. Checked with a
 * fast sink, and with a slow sink (so the bounded exchanges are full and the sources are blocked
 * inside emit() when the cancel comes).
 */
class CancelTest {
    @Pipeline(parallelism = 2)
    static class Unbounded {
        private final LongAdder sinkCalls;

        Unbounded(LongAdder sinkCalls) {
            this.sinkCalls = sinkCalls;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            for (long i = ctx.subtaskIndex(); !ctx.isCancelled(); i += ctx.parallelism()) {
                out.emit(Workloads.event(i));
            }
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
        public void results(String color, long count) {
            sinkCalls.increment();
        }
    }

    /** Same shape, but the sink takes about 50 us per element: the sources outrun it and block. */
    @Pipeline(parallelism = 2)
    static class UnboundedSlowSink {
        private final LongAdder sinkCalls;

        UnboundedSlowSink(LongAdder sinkCalls) {
            this.sinkCalls = sinkCalls;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            for (long i = ctx.subtaskIndex(); !ctx.isCancelled(); i += ctx.parallelism()) {
                out.emit(Workloads.event(i));
            }
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
        public void results(String color, long count) {
            LockSupport.parkNanos(50_000);
            sinkCalls.increment();
        }
    }

    /** Starts a job, waits until its sinks saw {@code atLeast} elements, cancels and times await(). */
    private static PipelineResult cancelAfter(Supplier<RunningPipeline> starter, LongAdder sinkCalls, long atLeast) {
        return assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            RunningPipeline job = starter.get();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sinkCalls.sum() < atLeast && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(sinkCalls.sum() >= atLeast, "sink saw " + sinkCalls.sum() + " elements in 10 s");

            long before = System.nanoTime();
            job.cancel();
            PipelineResult awaited = job.await();
            long millis = (System.nanoTime() - before) / 1_000_000;
            assertTrue(millis < 1_000, "await() after cancel() took " + millis + " ms");
            return awaited;
        });
    }

    @Test
    void cancelEndsAPipelineWhoseSourcesAreBlocked() throws InterruptedException {
        LongAdder sinkCalls = new LongAdder();
        PipelineResult result = cancelAfter(
                () -> RillCancelTest_UnboundedSlowSink.create(() -> new UnboundedSlowSink(sinkCalls)).start(),
                sinkCalls, 1_000);
        assertTrue(result.cancelled(), "result.cancelled(): " + result);
        RillThreads.assertNoneAlive();
    }

    @Test
    void cancelEndsAnUnboundedPipelineWithinOneSecond() throws InterruptedException {
        LongAdder sinkCalls = new LongAdder();
        PipelineResult result = cancelAfter(
                () -> RillCancelTest_Unbounded.create(() -> new Unbounded(sinkCalls)).start(),
                sinkCalls, 10_000);
        assertTrue(result.cancelled(), "result.cancelled(): " + result);
        RillThreads.assertNoneAlive();
    }
}
