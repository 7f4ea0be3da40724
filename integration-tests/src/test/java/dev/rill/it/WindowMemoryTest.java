package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.EventTime;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Window;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A window's state is freed when it fires: on an unbounded stream through hundreds of
 * thousands of windows the heap stays flat.
 */
class WindowMemoryTest {

    private static final long ORIGIN = System.nanoTime();

    @Pipeline(parallelism = 2)
    static class Endless {
        private final LongAdder fired;
        private final AtomicBoolean paused;

        Endless(LongAdder fired, AtomicBoolean paused) {
            this.fired = fired;
            this.paused = paused;
        }

        /**
         * Timestamps from the clock, in microseconds since the run began, as a live stream's
         * would be: both sources advance in event time together. (Sources with their own
         * counters could drift apart without limit in event time, and the windows between
         * them would pile up: that is watermark alignment, a separate matter.)
         */
        @Source
        public void ticks(SourceContext ctx, Emitter<long[]> out) throws InterruptedException {
            for (long i = ctx.subtaskIndex(); !ctx.isCancelled(); i += ctx.parallelism()) {
                if (paused.get()) {
                    Thread.sleep(1);
                    continue;
                }
                out.emit(new long[] {i % 50, (System.nanoTime() - ORIGIN) / 1_000});
            }
        }

        @EventTime(maxOutOfOrderness = 20)
        public long time(long[] tick) {
            return tick[1];
        }

        @KeyBy
        public long key(long[] tick) {
            return tick[0];
        }

        @Aggregate
        @Window(size = 50)
        public long count(long count, long[] tick) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(long key, long count, TimeWindow window) {
            fired.increment();
        }
    }

    /**
     * The heap in use after collections, with the sources paused so that no thread allocates
     * meanwhile: what the pipeline really holds (its open windows, its channels).
     */
    private static long heapWhilePaused(AtomicBoolean paused) throws InterruptedException {
        paused.set(true);
        try {
            Thread.sleep(200); // the rows in flight drain; windows the watermark passed fire
            long used = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                System.gc();
                used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            return used;
        } finally {
            paused.set(false);
        }
    }

    private static void awaitFired(LongAdder fired, long target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (fired.sum() < target) {
            assertTrue(System.nanoTime() < deadline, "only " + fired.sum() + " windows fired");
            Thread.sleep(5);
        }
    }

    /** {@link Endless} pre-aggregated: the sources' partials must be freed as they leave, too. */
    @Pipeline(parallelism = 2)
    static class EndlessMerged {
        private final LongAdder fired;
        private final AtomicBoolean paused;

        EndlessMerged(LongAdder fired, AtomicBoolean paused) {
            this.fired = fired;
            this.paused = paused;
        }

        @Source
        public void ticks(SourceContext ctx, Emitter<long[]> out) throws InterruptedException {
            for (long i = ctx.subtaskIndex(); !ctx.isCancelled(); i += ctx.parallelism()) {
                if (paused.get()) {
                    Thread.sleep(1);
                    continue;
                }
                out.emit(new long[] {i % 50, (System.nanoTime() - ORIGIN) / 1_000});
            }
        }

        @EventTime(maxOutOfOrderness = 20)
        public long time(long[] tick) {
            return tick[1];
        }

        @KeyBy
        public long key(long[] tick) {
            return tick[0];
        }

        @Aggregate(merge = "sum")
        @Window(size = 50)
        public long count(long count, long[] tick) {
            return count + 1;
        }

        static long sum(long a, long b) {
            return a + b;
        }

        @Sink(parallelism = 1)
        public void results(long key, long count, TimeWindow window) {
            fired.increment();
        }
    }

    @Test
    void heapStaysFlatAcrossManyWindows() throws InterruptedException {
        LongAdder fired = new LongAdder();
        AtomicBoolean paused = new AtomicBoolean();
        checkFlat(RillWindowMemoryTest_Endless.create(() -> new Endless(fired, paused)).start(), fired, paused);
    }

    @Test
    void heapStaysFlatAcrossManyPreAggregatedWindows() throws InterruptedException {
        LongAdder fired = new LongAdder();
        AtomicBoolean paused = new AtomicBoolean();
        checkFlat(RillWindowMemoryTest_EndlessMerged.create(() -> new EndlessMerged(fired, paused)).start(), fired, paused);
    }

    private static void checkFlat(RunningPipeline job, LongAdder fired, AtomicBoolean paused) throws InterruptedException {
        try {
            awaitFired(fired, 500_000);   // up to 50 keys per 50 us window: 10,000 windows or more in
            long early = heapWhilePaused(paused);
            awaitFired(fired, 2_500_000); // 50,000 or more
            long late = heapWhilePaused(paused);
            long growth = late - early;
            // were fired windows kept, 40,000 windows x 2 subtasks of keyed state would add ~80 MiB
            assertTrue(growth < 32L << 20, "heap grew by " + (growth >> 20) + " MiB over 40,000 windows (from "
                    + (early >> 20) + " MiB); threads: " + Thread.getAllStackTraces().keySet().stream()
                            .map(Thread::getName).filter(n -> n.startsWith("rill-")).toList());
        } finally {
            job.cancel();
            job.await();
        }
    }
}
