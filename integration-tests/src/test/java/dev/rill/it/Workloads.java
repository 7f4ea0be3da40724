package dev.rill.it;

import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;

/**
 * The events of WORKLOADS.md, the source shared by every pipeline here, and the plain
 * single-threaded loops that give each workload's expected output independently of Rill.
 */
public final class Workloads {
    /** Test size of WORKLOADS.md. */
    public static final long N = 100_000;

    public static final String[] COLORS = {"red", "orange", "yellow", "green", "blue"};

    private Workloads() {
    }

    /** SplitMix64 finalizer. */
    public static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static Event event(long i) {
        long h = mix(i);
        return new Event(i,
                COLORS[(int) Long.remainderUnsigned(h, 5)],
                (int) ((h >>> 32) & 1023),
                i);
    }

    /** Source subtask s of p emits, in order, the events [s*n/p, (s+1)*n/p). */
    public static void emitRange(SourceContext ctx, long n, Emitter<Event> out) {
        long from = ctx.subtaskIndex() * n / ctx.parallelism();
        long to = (ctx.subtaskIndex() + 1) * n / ctx.parallelism();
        for (long i = from; i < to; i++) {
            out.emit(event(i));
        }
    }

    public static boolean notOrange(Event e) {
        return !e.color().equals("orange");
    }

    // ---- Expected outputs, by plain loops over the same events ----

    public static long expectedNonOrange(long n) {
        long kept = 0;
        for (long i = 0; i < n; i++) {
            if (notOrange(event(i))) {
                kept++;
            }
        }
        return kept;
    }

    /** W1: sum of value*3+1 over the non-orange events. */
    public static long expectedW1Sum(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            Event e = event(i);
            if (notOrange(e)) {
                sum += e.value() * 3L + 1;
            }
        }
        return sum;
    }

    /** W2: count per color of the non-orange events. */
    public static java.util.Map<String, Long> expectedW2Counts(long n) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (long i = 0; i < n; i++) {
            Event e = event(i);
            if (notOrange(e)) {
                counts.merge(e.color(), 1L, Long::sum);
            }
        }
        return counts;
    }

    public static int w3Key(Event e) {
        return (int) (e.id() % 65_536);
    }

    /** W3: sum of value per key, as an array indexed by key. */
    public static long[] expectedW3Sums(long n) {
        long[] sums = new long[65_536];
        for (long i = 0; i < n; i++) {
            Event e = event(i);
            sums[w3Key(e)] += e.value();
        }
        return sums;
    }

    /** W3's checksum: sum over keys of key * 1_000_003 + lastSum. */
    public static long w3Checksum(java.util.Map<Integer, Long> lastSums) {
        long checksum = 0;
        for (java.util.Map.Entry<Integer, Long> entry : lastSums.entrySet()) {
            checksum += entry.getKey() * 1_000_003L + entry.getValue();
        }
        return checksum;
    }

    public static int w3ExpectedKeys(long n) {
        return (int) Math.min(n, 65_536);
    }

    public static long expectedW3Checksum(long n) {
        long[] sums = expectedW3Sums(n);
        long checksum = 0;
        for (int key = 0; key < sums.length; key++) {
            if (key < n) { // keys 0..n-1 exist when n < 65_536
                checksum += key * 1_000_003L + sums[key];
            }
        }
        return checksum;
    }
}
