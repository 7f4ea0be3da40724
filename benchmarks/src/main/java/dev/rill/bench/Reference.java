package dev.rill.bench;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each workload's expected output, computed once per size by the plain single-threaded loop
 * ({@link HandWritten}), and the check every benchmark applies to its own output: a wrong
 * result throws, which fails the JMH run.
 */
public final class Reference {
    private static final ConcurrentHashMap<String, Object> CACHE = new ConcurrentHashMap<>();

    private Reference() {
    }

    public static long w1(long n) {
        return (Long) CACHE.computeIfAbsent("w1/" + n, k -> HandWritten.w1(n));
    }

    public static W2Result w2(long n) {
        return (W2Result) CACHE.computeIfAbsent("w2/" + n, k -> HandWritten.w2(n));
    }

    public static W3Result w3(long n) {
        return (W3Result) CACHE.computeIfAbsent("w3/" + n, k -> HandWritten.w3(n));
    }

    public static W4Result w4(long n) {
        return (W4Result) CACHE.computeIfAbsent("w4/" + n, k -> HandWritten.w4(n));
    }

    /** Throws if {@code actual} differs from {@code expected}. */
    public static void check(String variant, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalStateException(variant + " produced a wrong result: expected " + expected
                    + " but got " + actual);
        }
    }
}
