package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.SourceContext;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3, cancellation at random moments: 200 runs (fixed seed) of a pipeline with a hash and
 * a rebalance exchange at parallelism 2 (source => aggregate => sink, 6 threads), cancelled
 * <ul>
 *   <li>before the first element: right after start(), or while the sources still wait for a
 *       gate that never opens (then nothing may have been emitted);</li>
 *   <li>mid-stream: once the sinks saw a random number of elements;</li>
 *   <li>while channels are full: the sink spins 20 us per element, the cancel comes once more
 *       than 6,000 elements are buffered in the exchanges (sources blocked in emit());</li>
 *   <li>during end of input: a bounded source of random size has returned on one or both
 *       subtasks, downstream is draining; the run may complete or be cancelled, and if it
 *       completed, every element reached the sink.</li>
 * </ul>
 * Each time, await() returns normally within 1 s of cancel(), with cancelled() true (except
 * when the end of input won the race), and no rill- thread is alive afterwards.
 */
class CancelStressTest {
    static final int RUNS = 200;
    static final long SEED = 0x5EED_CA9CE1L;

    /** What one run does; set before start(), read by the stages. */
    static final class Control {
        final long perSubtask;
        final long sinkSpinNanos;
        volatile boolean gateOpen;
        final LongAdder emitted = new LongAdder();
        final LongAdder consumed = new LongAdder();
        final AtomicInteger sourcesDone = new AtomicInteger();

        Control(long perSubtask, long sinkSpinNanos, boolean gateOpen) {
            this.perSubtask = perSubtask;
            this.sinkSpinNanos = sinkSpinNanos;
            this.gateOpen = gateOpen;
        }
    }

    static volatile Control control;

    @Pipeline(parallelism = 2)
    static class Shape {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            Control c = control;
            while (!c.gateOpen && !ctx.isCancelled()) {
                LockSupport.parkNanos(100_000);
            }
            for (long i = 0; i < c.perSubtask && !ctx.isCancelled(); i++) {
                c.emitted.increment();
                out.emit(new Rec(ctx.subtaskIndex(), i, -1));
            }
            c.sourcesDone.incrementAndGet();
        }

        @KeyBy
        public long key(Rec r) {
            return r.seq() % 100;
        }

        @Aggregate
        public long count(long count, Rec r) {
            return count + 1;
        }

        @Sink
        @Rebalance
        public void sink(long key, long count) {
            Control c = control;
            if (c.sinkSpinNanos > 0) {
                spin(c.sinkSpinNanos);
            }
            c.consumed.increment();
        }
    }

    static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    enum Moment { BEFORE_FIRST, MID_STREAM, CHANNEL_FULL, END_OF_INPUT }

    @Test
    void cancelAtRandomMomentsEndsWithinOneSecond() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(SEED);
            int[] completedAtEnd = new int[1];
            for (int run = 0; run < RUNS; run++) {
                Moment moment = Moment.values()[run % Moment.values().length];
                String what = "run " + run + " (" + moment + ")";
                runOnce(random, moment, what, completedAtEnd);
            }
            control = null;
        });
    }

    private static void runOnce(Random random, Moment moment, String what, int[] completedAtEnd)
            throws InterruptedException {
        Control c;
        boolean gated = false;
        switch (moment) {
            case BEFORE_FIRST:
                gated = random.nextBoolean();
                c = new Control(Long.MAX_VALUE, 0, !gated);
                break;
            case MID_STREAM:
                c = new Control(Long.MAX_VALUE, 0, true);
                break;
            case CHANNEL_FULL:
                c = new Control(Long.MAX_VALUE, 20_000, true);
                break;
            default:
                c = new Control(random.nextInt(20_001), random.nextInt(3) == 0 ? 1_000 : 0, true);
                break;
        }
        control = c;
        RunningPipeline job = RillCancelStressTest_Shape.create(Shape::new).start();
        switch (moment) {
            case BEFORE_FIRST:
                spin(random.nextInt(50_000));
                break;
            case MID_STREAM: {
                long seen = 1 + random.nextInt(20_000);
                awaitCondition(() -> c.consumed.sum() >= seen, what + ": sinks to see " + seen + " elements");
                break;
            }
            case CHANNEL_FULL:
                awaitCondition(() -> c.emitted.sum() - c.consumed.sum() >= 6_000,
                        what + ": 6,000 elements buffered in the exchanges");
                spin(random.nextInt(1_000_000));
                break;
            default: {
                int done = 1 + random.nextInt(2);
                awaitCondition(() -> c.sourcesDone.get() >= done, what + ": " + done + " sources to return");
                spin(random.nextInt(300_000));
                break;
            }
        }

        long before = System.nanoTime();
        job.cancel();
        PipelineResult result = job.await();
        long millis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(millis < 1_000, what + ": await() took " + millis + " ms after cancel()");
        StressThreads.assertNoneAlive(what + " after await()");

        if (moment == Moment.END_OF_INPUT && !result.cancelled()) {
            completedAtEnd[0]++;
            assertEquals(2 * c.perSubtask, c.consumed.sum(), what + ": completed, so every element reached the sink");
        } else {
            assertTrue(result.cancelled(), what + ": cancelled(): " + result);
        }
        if (gated) {
            assertEquals(0, c.emitted.sum(), what + ": cancelled before the gate opened, nothing emitted");
        }
    }

    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 10 s for " + what);
            }
            LockSupport.parkNanos(10_000);
        }
    }
}
