package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.exchange.BatchChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3, "exchanges are bounded: a fast source waits for a slow sink; memory stays flat".
 * A source emits 5,000,000 freshly allocated elements as fast as it can (tens of ns each); the
 * sink, behind an exchange, busy-spins 300 ns per element, so the source is at least 10x
 * faster. Run with -Xmx256m (the stress surefire execution). Asserted:
 * <ul>
 *   <li>the run completes, and the sink sees every element exactly once, in order;</li>
 *   <li>the heap's live size (used after a full GC, sampled every 200 ms during the run) never
 *       grows more than 64 MiB above its size before the run: had the exchange buffered the
 *       source's lead, 5M elements would take well over 100 MiB;</li>
 *   <li>the source's lead over the sink, sampled during the run, never exceeds what one
 *       channel can hold (ring plus the producer's batch), and reaches at least a few
 *       batches: the source really did wait for the sink.</li>
 * </ul>
 */
class BackpressureStressTest {
    static final long N = 5_000_000;
    static final long SINK_SPIN_NANOS = 300;
    static final long MAX_GROWTH = 64L << 20;

    /** Elements emitted, written by the source thread only. */
    static final AtomicLong EMITTED = new AtomicLong();
    /** Elements received, written by the sink thread only. */
    static final AtomicLong RECEIVED = new AtomicLong();
    /** First sequence error the sink saw, or -1. */
    static final AtomicLong OUT_OF_ORDER = new AtomicLong(-1);

    @Pipeline
    static class FastSourceSlowSink {
        private long expected;

        @Source
        public void source(Emitter<Rec> out) {
            for (long i = 0; i < N; i++) {
                EMITTED.lazySet(i + 1);
                out.emit(new Rec(0, i, -1));
            }
        }

        @Sink
        @Rebalance
        public void sink(Rec r) {
            if (r.seq() != expected && OUT_OF_ORDER.get() < 0) {
                OUT_OF_ORDER.set(r.seq());
            }
            expected = r.seq() + 1;
            long end = System.nanoTime() + SINK_SPIN_NANOS;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            RECEIVED.lazySet(RECEIVED.get() + 1);
        }
    }

    @Test
    void fastSourceWaitsForSlowSinkWithFlatMemory() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long maxHeap = memory.getHeapMemoryUsage().getMax();
            assertTrue(maxHeap <= 300L << 20, "run with -Xmx256m; max heap is " + (maxHeap >> 20) + " MiB");
            EMITTED.set(0);
            RECEIVED.set(0);
            OUT_OF_ORDER.set(-1);

            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            // one upstream and one downstream subtask, no event time: the planner gives the exchange its bulk batches
            long bound = (long) BatchChannel.BULK_BATCH_ROWS * (BatchChannel.DEFAULT_RING_BATCHES + 1) + 1;

            RunningPipeline job = RillBackpressureStressTest_FastSourceSlowSink.create(FastSourceSlowSink::new).start();
            long maxGrowth = 0;
            long maxLead = 0;
            int samples = 0;
            Thread[] threads = StressThreads.aliveOf("BackpressureStressTest.FastSourceSlowSink").toArray(new Thread[0]);
            while (anyAlive(threads)) {
                // Lead: read the source's count first, so the sink can only have moved on since.
                for (int i = 0; i < 200 && anyAlive(threads); i++) {
                    long emitted = EMITTED.get();
                    long received = RECEIVED.get();
                    maxLead = Math.max(maxLead, emitted - received);
                    Thread.sleep(1);
                }
                System.gc();
                maxGrowth = Math.max(maxGrowth, memory.getHeapMemoryUsage().getUsed() - baseline);
                samples++;
            }
            PipelineResult result = job.await();

            assertFalse(result.cancelled());
            assertEquals(N, RECEIVED.get(), "elements the sink received");
            assertEquals(-1, OUT_OF_ORDER.get(), "first element out of sequence");
            assertEquals(N, result.stage("source").elementsOut());
            assertEquals(N, result.stage("sink").elementsIn());
            assertTrue(samples >= 2, "heap sampled " + samples + " times during the run");
            assertTrue(maxGrowth < MAX_GROWTH, "heap grew by " + (maxGrowth >> 20) + " MiB during the run");
            assertTrue(maxLead <= bound, "the source ran " + maxLead + " elements ahead of the sink; a channel holds " + bound);
            assertTrue(maxLead >= 4L * BatchChannel.BULK_BATCH_ROWS,
                    "the source was never more than " + maxLead + " elements ahead: it did not outrun the sink");
            StressThreads.assertNoneAlive("after the run");
        });
    }

    private static boolean anyAlive(Thread[] threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
