package dev.rill.sample;

/**
 * A colored event, as in the reference workloads: {@code timestamp} is event time in ms.
 */
public record Event(long id, String color, int value, long timestamp) {
    static final String[] COLORS = {"red", "orange", "yellow", "green", "blue"};

    /** SplitMix64's finalizer: a cheap, well-mixed pseudo-random function of the index. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The {@code i}-th event of the reference workloads. */
    public static Event of(long i) {
        long h = mix(i);
        return new Event(i, COLORS[(int) Long.remainderUnsigned(h, 5)], (int) ((h >>> 32) & 1023), i);
    }
}
