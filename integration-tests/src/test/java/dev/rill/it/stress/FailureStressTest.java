package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.FlatMap;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Reduce;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.annotation.Filter;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.PipelineException;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC 3, failures: user code throwing in each stage kind (source, filter, transform, flatMap,
 * key extractor, aggregate, reduce, sink), at parallelism 1 and 3, on the first element and
 * mid-stream, with an exception and with a {@link StackOverflowError} from real recursion.
 * Each case asserts that run() throws {@link PipelineException} within 1 s of the throw, whose
 * stage(), subtask() and element() name the failing stage method, the subtask whose thread
 * threw and the element's toString() (null for a source), whose cause is the very throwable,
 * and that no rill- thread is alive once run() has thrown.
 *
 * <p>Four pipeline classes (two shapes, at parallelism 1 and 3) read one test-controlled
 * setting, {@link Fault}: which stage throws, on which of its calls (counted over all of its
 * subtasks), and what.
 */
class FailureStressTest {
    /** Elements per source subtask: enough that "mid-stream" is well inside the stream. */
    static final long PER_SUBTASK = 40_000;
    /** The call, counted over all subtasks of the failing stage, that throws mid-stream. */
    static final long MID = 20_000;

    enum What { EXCEPTION, STACK_OVERFLOW }

    /** What the test arms and what the failing stage records when it throws. */
    static final class Fault {
        final String stage;
        final long at;
        final What what;
        final AtomicLong calls = new AtomicLong();
        volatile Throwable thrown;
        volatile String element;
        volatile String thread;
        volatile long thrownAtNanos;

        Fault(String stage, long at, What what) {
            this.stage = stage;
            this.at = at;
            this.what = what;
        }
    }

    /** The armed fault; null when none. Read by every stage method of the pipelines below. */
    static volatile Fault fault;

    /** Called by each stage with its method name and its element (null in a source). */
    static void maybeFail(String stage, Object element) {
        Fault f = fault;
        if (f == null || !f.stage.equals(stage) || f.calls.getAndIncrement() != f.at) {
            return;
        }
        f.element = element == null ? null : element.toString();
        f.thread = Thread.currentThread().getName();
        Throwable t;
        if (f.what == What.EXCEPTION) {
            t = new IllegalStateException("injected fault in " + stage + " at call " + f.at);
        } else {
            try {
                t = null;
                recurse(0);
            } catch (StackOverflowError overflow) {
                t = overflow;
            }
            assertNotNull(t, "recursion ended without overflowing");
        }
        f.thrown = t;
        f.thrownAtNanos = System.nanoTime();
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw (RuntimeException) t;
    }

    /** Unbounded recursion the JIT cannot remove: each frame adds to the result. */
    static long recurse(long depth) {
        return recurse(depth + 1) + depth;
    }

    static void emit(SourceContext ctx, Emitter<Rec> out) {
        for (long i = 0; i < PER_SUBTASK && !ctx.isCancelled(); i++) {
            maybeFail("source", null);
            out.emit(new Rec(ctx.subtaskIndex(), i, -1));
        }
    }

    // Shape A: source -> filter => transform -> flatMap -> key => aggregate -> sink.
    // The transform sits behind a rebalance so failures happen both in the source's thread
    // and in an exchange subtask's thread; the sink reads the hash exchange's output.

    @Pipeline(parallelism = 1)
    static class FoldP1 {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx, out);
        }

        @Filter
        public boolean filter(Rec r) {
            maybeFail("filter", r);
            return true;
        }

        @Transform
        @Rebalance
        public Rec transform(Rec r) {
            maybeFail("transform", r);
            return r;
        }

        @FlatMap
        public void flatMap(Rec r, Emitter<Rec> out) {
            maybeFail("flatMap", r);
            out.emit(r);
        }

        @KeyBy
        public int key(Rec r) {
            maybeFail("key", r);
            return (int) (r.seq() % 64);
        }

        @Aggregate
        public long aggregate(long count, Rec r) {
            maybeFail("aggregate", r);
            return count + 1;
        }

        @Sink
        public void sink(Keyed<Integer, Long> count) {
            maybeFail("sink", count);
        }
    }

    @Pipeline(parallelism = 3)
    static class FoldP3 {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx, out);
        }

        @Filter
        public boolean filter(Rec r) {
            maybeFail("filter", r);
            return true;
        }

        @Transform
        @Rebalance
        public Rec transform(Rec r) {
            maybeFail("transform", r);
            return r;
        }

        @FlatMap
        public void flatMap(Rec r, Emitter<Rec> out) {
            maybeFail("flatMap", r);
            out.emit(r);
        }

        @KeyBy
        public int key(Rec r) {
            maybeFail("key", r);
            return (int) (r.seq() % 64);
        }

        @Aggregate
        public long aggregate(long count, Rec r) {
            maybeFail("aggregate", r);
            return count + 1;
        }

        @Sink
        public void sink(Keyed<Integer, Long> count) {
            maybeFail("sink", count);
        }
    }

    // Shape B: source -> key => reduce => sink (the sink at parallelism 1 behind a rebalance).

    @Pipeline(parallelism = 1)
    static class ReduceP1 {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx, out);
        }

        @KeyBy
        public int key(Rec r) {
            return (int) (r.seq() % 64);
        }

        @Reduce
        public Rec reduce(Rec acc, Rec r) {
            maybeFail("reduce", r);
            return r;
        }

        @Sink(parallelism = 1)
        public void sink(Keyed<Integer, Rec> latest) {
        }
    }

    @Pipeline(parallelism = 3)
    static class ReduceP3 {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx, out);
        }

        @KeyBy
        public int key(Rec r) {
            return (int) (r.seq() % 64);
        }

        @Reduce
        public Rec reduce(Rec acc, Rec r) {
            maybeFail("reduce", r);
            return r;
        }

        @Sink(parallelism = 1)
        public void sink(Keyed<Integer, Rec> latest) {
        }
    }

    static final String[] STAGES = {"source", "filter", "transform", "flatMap", "key", "aggregate", "reduce", "sink"};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (What what : What.values()) {
            for (String stage : STAGES) {
                for (int p : new int[] {1, 3}) {
                    cases.add(Arguments.of(what, stage, p, 0L));
                    cases.add(Arguments.of(what, stage, p, MID));
                }
            }
        }
        return cases.stream();
    }

    private static Supplier<PipelineResult> pipeline(String stage, int parallelism) {
        // Reduce is only in shape B; the reduce itself is what fails there.
        if (stage.equals("reduce")) {
            return parallelism == 1
                    ? () -> RillFailureStressTest_ReduceP1.create(ReduceP1::new).run()
                    : () -> RillFailureStressTest_ReduceP3.create(ReduceP3::new).run();
        }
        return parallelism == 1
                ? () -> RillFailureStressTest_FoldP1.create(FoldP1::new).run()
                : () -> RillFailureStressTest_FoldP3.create(FoldP3::new).run();
    }

    @AfterEach
    void disarm() {
        fault = null;
    }

    @ParameterizedTest(name = "{0} in {1} at parallelism {2}, call {3}")
    @MethodSource("cases")
    void aThrowingStageStopsThePipeline(What what, String stage, int parallelism, long at) {
        Fault f = new Fault(stage, at, what);
        fault = f;
        Supplier<PipelineResult> run = pipeline(stage, parallelism);

        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                PipelineResult result = run.get();
                return fail("run() returned normally although " + stage + " threw: " + result
                        + "; calls of " + stage + ": " + f.calls.get());
            } catch (PipelineException expected) {
                long afterThrow = System.nanoTime() - f.thrownAtNanos;
                assertTrue(afterThrow < 1_000_000_000L,
                        "run() threw " + afterThrow / 1_000_000 + " ms after the user code threw");
                return expected;
            }
        });

        assertNotNull(f.thrown, "the fault fired");
        assertEquals(stage, failure.stage(), "stage(): " + failure.getMessage());
        assertEquals(StressThreads.subtaskOf(f.thread), failure.subtask(),
                "subtask(), thrown on thread " + f.thread + ": " + failure.getMessage());
        if (stage.equals("source")) {
            assertNull(failure.element(), "a source has no element: " + failure.getMessage());
        } else {
            assertNotNull(failure.element(), "element(): " + failure.getMessage());
            assertTrue(failure.element().contains(f.element),
                    "element() " + failure.element() + " contains " + f.element);
            assertTrue(failure.getMessage().contains(f.element), "message names the element: " + failure.getMessage());
        }
        assertTrue(failure.getMessage().contains(stage), "message names the stage: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("subtask " + failure.subtask()),
                "message names the subtask: " + failure.getMessage());
        assertSame(f.thrown, failure.getCause(), "cause is what the user code threw");
        if (what == What.STACK_OVERFLOW) {
            assertInstanceOf(StackOverflowError.class, failure.getCause());
        }
        StressThreads.assertNoneAlive("after run() threw");
    }
}
