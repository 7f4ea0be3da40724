package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.EventTime;
import dev.rill.annotation.From;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Window;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Pre-aggregated windows ({@code @Aggregate(merge)}) under randomized load: three sources of
 * random sizes (sometimes none) and event-time rates (so the sources drift apart in event time
 * and windows wait for the slowest), elements out of order within the bound, a random number of
 * keys; a tumbling count and a sliding sum, each pre-aggregated, into sinks at parallelism 2
 * and 1. Every round's windows must equal a plain fold of all elements, with nothing late
 * (disorder stays within the bound), whatever the threads' interleaving.
 */
class PreAggregationStressTest {
    static final long SEED = 20_261_129L;
    static final int ROUNDS = 6;
    static final int MAX_PER_SUBTASK = 60_000;
    static final long BOUND = 50;

    /** An element: a key, an event time, a value. */
    record Tick(int key, long time, long value) {
    }

    /** One round's input, read by the source. */
    static final class Plan {
        final int[] sizes;
        final int[] steps;
        final int keys;
        final long seed;

        Plan(Random random) {
            sizes = new int[3];
            steps = new int[3];
            for (int s = 0; s < 3; s++) {
                sizes[s] = random.nextInt(5) == 0 ? 0 : random.nextInt(MAX_PER_SUBTASK);
                steps[s] = 1 + random.nextInt(4);
            }
            keys = 1 + random.nextInt(random.nextBoolean() ? 5 : 2_000);
            seed = random.nextLong();
        }

        /** Element i of source s: times rise by the source's step, up to 40 ms behind it (the bound is 50). */
        Tick tick(int s, int i) {
            long h = mix(seed + s * 1_000_003L + i);
            long time = (long) i * steps[s] - Long.remainderUnsigned(h, 41);
            return new Tick((int) Long.remainderUnsigned(h >>> 20, keys), time, (h >>> 40) & 1023);
        }

        private static long mix(long x) {
            long z = x + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    static volatile Plan plan;
    static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();
    static final Map<String, Long> SUMS = new ConcurrentHashMap<>();

    private static String cell(long start, int key) {
        return start + "/" + key;
    }

    /** Records what a window fired for a key; a window that fires twice fails the run. */
    static void firedOnce(Map<String, Long> fired, int key, long value, TimeWindow window) {
        if (fired.put(cell(window.start(), key), value) != null) {
            throw new AssertionError("window " + window + " of key " + key + " fired twice");
        }
    }

    @Pipeline(parallelism = 3)
    static class Windows {
        @Source
        public void ticks(SourceContext ctx, Emitter<Tick> out) {
            Plan p = plan;
            int s = ctx.subtaskIndex();
            for (int i = 0; i < p.sizes[s]; i++) {
                out.emit(p.tick(s, i));
            }
        }

        @EventTime(maxOutOfOrderness = BOUND)
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public int key(Tick t) {
            return t.key();
        }

        @Aggregate(merge = "sum")
        @Window(size = 100)
        public long count(long count, Tick t) {
            return count + 1;
        }

        static long sum(long a, long b) {
            return a + b;
        }

        @Sink(parallelism = 2)
        public void counts(int key, long count, TimeWindow window) {
            firedOnce(COUNTS, key, count, window);
        }

        @KeyBy
        @From("time")
        public int sameKey(Tick t) {
            return t.key();
        }

        @Aggregate(merge = "plus")
        @Window(size = 100, slide = 25)
        public long total(long total, Tick t) {
            return total + t.value();
        }

        long plus(long a, long b) {
            return a + b;
        }

        @Sink(parallelism = 1)
        public void totals(int key, long total, TimeWindow window) {
            firedOnce(SUMS, key, total, window);
        }
    }

    @Test
    void preAggregatedWindowsEqualAPlainFoldUnderRandomLoad() {
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            Plan p = new Plan(random);
            plan = p;
            COUNTS.clear();
            SUMS.clear();
            Map<String, Long> counts = new TreeMap<>();
            Map<String, Long> sums = new TreeMap<>();
            long total = 0;
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < p.sizes[s]; i++) {
                    Tick t = p.tick(s, i);
                    counts.merge(cell(t.time() - Math.floorMod(t.time(), 100L), t.key()), 1L, Long::sum);
                    for (long start = t.time() - Math.floorMod(t.time(), 25L); start > t.time() - 100; start -= 25) {
                        sums.merge(cell(start, t.key()), t.value(), Long::sum);
                    }
                    total++;
                }
            }
            PipelineResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> RillPreAggregationStressTest_Windows.create(Windows::new).run());
            String what = "round " + round + ", sizes " + java.util.Arrays.toString(p.sizes) + ", steps "
                    + java.util.Arrays.toString(p.steps) + ", keys " + p.keys;
            assertEquals(counts, new TreeMap<>(COUNTS), what);
            assertEquals(sums, new TreeMap<>(SUMS), what);
            assertEquals(0, result.lateElements(), what);
            assertEquals(total, result.stage("count").elementsIn(), what);
            assertEquals(total, result.stage("total").elementsIn(), what);
            StressThreads.assertNoneAlive(what);
        }
    }
}
