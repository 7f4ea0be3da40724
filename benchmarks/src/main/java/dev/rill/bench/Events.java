package dev.rill.bench;

/**
 * The events of WORKLOADS.md and the split of a source of parallelism {@code p} over
 * {@code n} events. Every variant of every benchmark creates its events through
 * {@link #event(long)} as it emits them: no pre-built array, same allocation for all.
 */
public final class Events {
    /** Throughput size of WORKLOADS.md: events per benchmark operation. */
    public static final int N = 10_000_000;

    static final String[] COLORS = {"red", "orange", "yellow", "green", "blue"};
    /** The W3 key space: {@code (int) (id % 65_536)}. */
    public static final int W3_KEYS = 65_536;
    /** W4's tumbling window size in ms of event time. */
    public static final long W4_WINDOW_MS = 1_000;

    private Events() {
    }

    /** SplitMix64's finalizer. */
    public static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The {@code i}-th event. */
    public static Event event(long i) {
        long h = mix(i);
        return new Event(i, COLORS[(int) Long.remainderUnsigned(h, 5)], (int) ((h >>> 32) & 1023), i);
    }

    /** First index emitted by subtask {@code s} of {@code p} over {@code n} events. */
    public static long from(long n, int s, int p) {
        return s * n / p;
    }

    /** One past the last index emitted by subtask {@code s} of {@code p}. */
    public static long to(long n, int s, int p) {
        return (s + 1) * n / p;
    }

    // The operator bodies every variant shares, so that all of them do the same work.

    public static boolean notOrange(Event e) {
        return !e.color().equals("orange");
    }

    public static long weight(Event e) {
        return e.value() * 3L + 1;
    }

    public static int w3Key(Event e) {
        return (int) (e.id() % W3_KEYS);
    }

    /** Start of the W4 window holding event time {@code ts}: windows are aligned to epoch 0. */
    public static long w4WindowStart(long ts) {
        return ts - Math.floorMod(ts, W4_WINDOW_MS);
    }

    /** W3's checksum term for one key. */
    public static long w3Term(int key, long lastSum) {
        return key * 1_000_003L + lastSum;
    }
}
