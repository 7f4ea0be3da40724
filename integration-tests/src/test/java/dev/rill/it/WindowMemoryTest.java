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
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A window's state is freed when it fires: on an unbounded stream through hundreds of
 * thousands of windows the heap stays flat.
 */
class WindowMemoryTest {

    @Pipeline(parallelism = 2)
    static class Endless {
        private final LongAdder fired;

        Endless(LongAdder fired) {
            this.fired = fired;
        }

        @Source
        public void ticks(SourceContext ctx, Emitter<long[]> out) {
            for (long t = ctx.subtaskIndex(); !ctx.isCancelled(); t += ctx.parallelism()) {
                out.emit(new long[] {t % 50, t});
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
        @Window(size = 10)
        public long count(long count, long[] tick) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(long key, long count, TimeWindow window) {
            fired.increment();
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void awaitFired(LongAdder fired, long target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (fired.sum() < target) {
            assertTrue(System.nanoTime() < deadline, "only " + fired.sum() + " windows fired");
            Thread.sleep(5);
        }
    }

    @Test
    void heapStaysFlatAcrossManyWindows() throws InterruptedException {
        LongAdder fired = new LongAdder();
        RunningPipeline job = RillWindowMemoryTest_Endless.create(() -> new Endless(fired)).start();
        try {
            awaitFired(fired, 200_000);   // 50 keys per window: 4,000 windows in
            long early = heapAfterGc();
            awaitFired(fired, 2_000_000); // 40,000 windows in
            long late = heapAfterGc();
            long growth = late - early;
            assertTrue(growth < 32L << 20, "heap grew by " + (growth >> 20) + " MiB over 36,000 windows");
        } finally {
            job.cancel();
            job.await();
        }
    }
}
