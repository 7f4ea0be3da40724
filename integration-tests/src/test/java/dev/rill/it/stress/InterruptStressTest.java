package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Interrupting the thread blocked in run(). The contract (Job.run()'s documentation): the
 * pipeline is cancelled, run() waits until all its threads stopped, then returns the cancelled
 * result (cancelled() true, no exception) with the caller's interrupt flag set again. Checked
 * with the caller interrupted while the pipeline streams, while its sources are blocked on full
 * channels, and before run() is even called. Each time run() returns within 1 s of the
 * interrupt and no rill- thread is alive afterwards.
 */
class InterruptStressTest {
    static final LongAdder CONSUMED = new LongAdder();
    static volatile long sinkSpinNanos;

    @Pipeline(parallelism = 2)
    static class Endless {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            for (long i = 0; !ctx.isCancelled(); i++) {
                out.emit(new Rec(ctx.subtaskIndex(), i, -1));
            }
        }

        @Transform
        @Rebalance
        public Rec hop(Rec r) {
            return r;
        }

        @KeyBy
        public long key(Rec r) {
            return r.seq() % 10;
        }

        @Sink
        public void sink(Rec r) {
            long spin = sinkSpinNanos;
            if (spin > 0) {
                long end = System.nanoTime() + spin;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }
            CONSUMED.increment();
        }
    }

    /** What the thread calling run() saw. */
    static final class Caller {
        volatile PipelineResult result;
        volatile Throwable thrown;
        volatile boolean interruptedAfter;
        volatile long returnedAtNanos;
        final Thread thread;

        Caller(boolean interruptFirst) {
            thread = new Thread(() -> {
                if (interruptFirst) {
                    Thread.currentThread().interrupt();
                }
                try {
                    result = RillInterruptStressTest_Endless.create(Endless::new).run();
                } catch (Throwable t) {
                    thrown = t;
                } finally {
                    returnedAtNanos = System.nanoTime();
                    interruptedAfter = Thread.currentThread().isInterrupted();
                }
            }, "caller-of-run");
            thread.start();
        }
    }

    private static void assertCancelledAndStillInterrupted(Caller caller, long interruptedAtNanos)
            throws InterruptedException {
        caller.thread.join(10_000);
        assertFalse(caller.thread.isAlive(), "run() did not return within 10 s of the interrupt");
        assertNull(caller.thrown, "run() threw instead of returning the cancelled result");
        long millis = (caller.returnedAtNanos - interruptedAtNanos) / 1_000_000;
        assertTrue(millis < 1_000, "run() returned " + millis + " ms after the interrupt");
        assertNotNull(caller.result, "run() returned a result");
        assertTrue(caller.result.cancelled(), "cancelled(): " + caller.result);
        assertTrue(caller.interruptedAfter, "the caller's interrupt flag is set again when run() returns");
        StressThreads.assertNoneAlive("after run() returned");
    }

    private static void interruptOnceStreaming(long spinNanos, long atLeast) throws InterruptedException {
        sinkSpinNanos = spinNanos;
        CONSUMED.reset();
        Caller caller = new Caller(false);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (CONSUMED.sum() < atLeast) {
            if (System.nanoTime() > deadline) {
                fail("the sinks saw only " + CONSUMED.sum() + " elements in 10 s");
            }
            LockSupport.parkNanos(100_000);
        }
        // Let the sources fill the channels when the sink is slow.
        LockSupport.parkNanos(20_000_000);
        long interruptedAt = System.nanoTime();
        caller.thread.interrupt();
        assertCancelledAndStillInterrupted(caller, interruptedAt);
    }

    @Test
    void interruptWhileStreamingCancelsAndKeepsTheFlag() throws InterruptedException {
        interruptOnceStreaming(0, 50_000);
    }

    @Test
    void interruptWhileSourcesAreBlockedCancelsAndKeepsTheFlag() throws InterruptedException {
        interruptOnceStreaming(20_000, 500);
    }

    @Test
    void interruptedBeforeRunCancelsAtOnce() throws InterruptedException {
        sinkSpinNanos = 0;
        long started = System.nanoTime();
        Caller caller = new Caller(true);
        assertCancelledAndStillInterrupted(caller, started);
    }
}
