package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.EventTime;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.annotation.Window;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineException;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3: an exception thrown by user code in a @Transform, on one element in the middle of
 * the stream, stops the whole pipeline. run() throws PipelineException within 10 s; its message
 * names the stage method and contains the element's toString(); its cause is the very exception
 * thrown; afterwards no rill- thread is alive. Checked with the failing transform fused into
 * the source chain, and behind a rebalance exchange (so the failing thread is a consumer while
 * the sources may be blocked on full channels).
 */
class FailureTest {
    static final long N = Workloads.N;
    /** In source subtask 1's range at parallelism 2. */
    static final long FAIL_AT = 54_321;

    static Event check(Event e, AtomicReference<RuntimeException> thrown) {
        if (e.id() == FAIL_AT) {
            RuntimeException boom = new IllegalStateException("boom on " + e.id());
            thrown.set(boom);
            throw boom;
        }
        return e;
    }

    @Pipeline(parallelism = 2)
    static class FailsInSourceChain {
        private final AtomicReference<RuntimeException> thrown;

        FailsInSourceChain(AtomicReference<RuntimeException> thrown) {
            this.thrown = thrown;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Transform
        public Event check(Event e) {
            return FailureTest.check(e, thrown);
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
        }
    }

    @Pipeline(parallelism = 2)
    static class FailsBehindExchange {
        private final AtomicReference<RuntimeException> thrown;

        FailsBehindExchange(AtomicReference<RuntimeException> thrown) {
            this.thrown = thrown;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Transform
        @Rebalance
        public Event check(Event e) {
            return FailureTest.check(e, thrown);
        }

        @Sink
        public void results(Event e) {
        }
    }

    private static void assertDescribesTheFailure(PipelineException failure, AtomicReference<RuntimeException> thrown) {
        String message = failure.getMessage();
        assertTrue(message.contains("check"), "message names the stage method: " + message);
        String element = Workloads.event(FAIL_AT).toString();
        assertTrue(message.contains(element), "message contains " + element + ": " + message);
        assertSame(thrown.get(), failure.getCause(), "cause is the user's exception");
    }

    @Test
    void failureInSourceChainStopsThePipeline() throws InterruptedException {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PipelineException.class,
                () -> RillFailureTest_FailsInSourceChain.create(() -> new FailsInSourceChain(thrown)).run()));
        assertDescribesTheFailure(failure, thrown);
        // Fused into the source chain, the failing call runs in the source subtask that emits FAIL_AT.
        assertEquals(1, failure.subtask(), "failing subtask");
        assertTrue(failure.getMessage().contains("subtask 1"), "message names the subtask: " + failure.getMessage());
        RillThreads.assertNoneAlive();
    }

    @Test
    void failureBehindAnExchangeStopsThePipeline() throws InterruptedException {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PipelineException.class,
                () -> RillFailureTest_FailsBehindExchange.create(() -> new FailsBehindExchange(thrown)).run()));
        assertDescribesTheFailure(failure, thrown);
        RillThreads.assertNoneAlive();
    }

    /** The same failure seen through start() and await() instead of run(). */
    @Test
    void awaitThrowsTheFailure() throws InterruptedException {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            RunningPipeline job = RillFailureTest_FailsBehindExchange.create(() -> new FailsBehindExchange(thrown)).start();
            return assertThrows(PipelineException.class, job::await);
        });
        assertDescribesTheFailure(failure, thrown);
        RillThreads.assertNoneAlive();
    }

    /**
     * A key selector that does not return the same key for the same element: each subtask's
     * instance counts its calls, so the keyed stage (which takes each key again from its
     * element, as Flink's keyed operators do) gets other keys than the ones the elements were
     * routed by. Rill must say so, naming the @KeyBy, not keep state in the wrong subtask.
     */
    @Pipeline(parallelism = 2)
    static class DriftingKey {
        private long calls;

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @KeyBy
        public String key(Event e) {
            return "k" + (calls++ % 1000);
        }

        @Aggregate
        public long count(long c, Event e) {
            return c + 1;
        }

        @Sink
        public void results(String key, long count) {
        }
    }

    @Test
    void aKeySelectorThatDriftsStopsThePipelineNamingIt() throws InterruptedException {
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PipelineException.class, () -> RillFailureTest_DriftingKey.create(DriftingKey::new).run()));
        assertEquals("key", failure.stage(), failure.getMessage());
        assertTrue(failure.getCause() instanceof IllegalStateException, String.valueOf(failure.getCause()));
        assertTrue(failure.getCause().getMessage().contains("must return an equal key"), failure.getCause().getMessage());
        RillThreads.assertNoneAlive();
    }

    /**
     * A pre-aggregated window whose fold fails on one element (in the source's chain, where it
     * is pre-aggregated) or whose merge fails (in the windowed stage).
     */
    @Pipeline(parallelism = 2)
    static class FailsPreAggregated {
        private final AtomicReference<RuntimeException> thrown;
        /** Every merge failure: both windowed subtasks may fail before the pipeline stops. */
        private final Queue<RuntimeException> mergeFailures;
        private final boolean inMerge;

        FailsPreAggregated(AtomicReference<RuntimeException> thrown, Queue<RuntimeException> mergeFailures,
                boolean inMerge) {
            this.thrown = thrown;
            this.mergeFailures = mergeFailures;
            this.inMerge = inMerge;
        }

        /** Interleaved, so that both subtasks pre-aggregate every window and the windowed stage merges. */
        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            for (long i = ctx.subtaskIndex(); i < N; i += ctx.parallelism()) {
                out.emit(Workloads.event(i));
            }
        }

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000)
        public long count(long count, Event e) {
            if (!inMerge) {
                FailureTest.check(e, thrown);
            }
            return count + 1;
        }

        long sum(long a, long b) {
            if (inMerge && a + b > 150) {
                RuntimeException boom = new IllegalStateException("merge boom");
                mergeFailures.add(boom);
                throw boom;
            }
            return a + b;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
        }
    }

    @Test
    void aFoldFailingWherePreAggregatedNamesTheStageAndElement() throws InterruptedException {
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PipelineException.class,
                () -> RillFailureTest_FailsPreAggregated.create(
                        () -> new FailsPreAggregated(thrown, new ConcurrentLinkedQueue<>(), false)).run()));
        assertEquals("count", failure.stage(), failure.getMessage());
        assertTrue(failure.getMessage().contains(Workloads.event(FAIL_AT).toString()), failure.getMessage());
        assertEquals(1, failure.subtask(), "the source subtask that pre-aggregates FAIL_AT (odd)");
        assertSame(thrown.get(), failure.getCause());
        RillThreads.assertNoneAlive();
    }

    @Test
    void aFailingMergeStopsThePipelineNamingTheStage() throws InterruptedException {
        Queue<RuntimeException> mergeFailures = new ConcurrentLinkedQueue<>();
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PipelineException.class, () -> RillFailureTest_FailsPreAggregated.create(
                        () -> new FailsPreAggregated(new AtomicReference<>(), mergeFailures, true)).run()));
        assertEquals("count", failure.stage(), failure.getMessage());
        assertTrue(failure.getMessage().contains("Keyed["), "the partial it merged: " + failure.getMessage());
        assertTrue(mergeFailures.stream().anyMatch(f -> f == failure.getCause()),
                "the cause is what a merge threw: " + failure.getCause());
        RillThreads.assertNoneAlive();
    }
}
