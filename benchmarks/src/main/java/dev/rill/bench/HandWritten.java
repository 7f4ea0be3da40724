package dev.rill.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a good engineer writes by hand for each workload: one plain loop over the events,
 * state in the cheapest structure that fits the key (a small {@code HashMap} with mutable
 * counters for the five colors, a {@code long[]} indexed by key for W3's dense int keys).
 * These loops are also the reference: they define each workload's expected output.
 */
public final class HandWritten {
    private HandWritten() {
    }

    /** W1: the sum of {@code value * 3 + 1} over the non-orange events. */
    public static long w1(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            Event e = Events.event(i);
            if (Events.notOrange(e)) {
                sum += Events.weight(e);
            }
        }
        return sum;
    }

    /**
     * W2: the count per color of the non-orange events, and the number of updates (every
     * non-orange event updates one count, which a sink would receive).
     */
    public static W2Result w2(long n) {
        Map<String, long[]> counts = new HashMap<>();
        long updates = 0;
        for (long i = 0; i < n; i++) {
            Event e = Events.event(i);
            if (Events.notOrange(e)) {
                counts.computeIfAbsent(e.color(), c -> new long[1])[0]++;
                updates++;
            }
        }
        return new W2Result(unwrap(counts), updates);
    }

    /** W3: the sum of {@code value} per key {@code id % 65_536}, as W3's checksum. */
    public static W3Result w3(long n) {
        long[] sums = new long[Events.W3_KEYS];
        boolean[] seen = new boolean[Events.W3_KEYS];
        for (long i = 0; i < n; i++) {
            Event e = Events.event(i);
            int key = Events.w3Key(e);
            sums[key] += e.value();
            seen[key] = true;
        }
        return W3Result.of(sums, seen);
    }

    /**
     * W4: the count per color in each tumbling 1,000 ms window of event time. One window is open
     * at a time: the events come in time order, so the watermark (the largest timestamp seen)
     * passes the open window's end exactly when the first event of a later window arrives, and
     * the open window's counts are emitted then, as a windowed stream fires it.
     */
    public static W4Result w4(long n) {
        List<W4Result.Count> fired = new ArrayList<>();
        Map<String, long[]> counts = new HashMap<>();
        long open = Long.MIN_VALUE;
        for (long i = 0; i < n; i++) {
            Event e = Events.event(i);
            long start = Events.w4WindowStart(e.timestamp());
            if (start != open) {
                fireW4(open, counts, fired);
                open = start;
            }
            counts.computeIfAbsent(e.color(), c -> new long[1])[0]++;
        }
        fireW4(open, counts, fired);
        return new W4Result(fired);
    }

    private static void fireW4(long start, Map<String, long[]> counts, List<W4Result.Count> fired) {
        counts.forEach((color, count) -> fired.add(new W4Result.Count(start, color, count[0])));
        counts.clear();
    }

    static Map<String, Long> unwrap(Map<String, long[]> counts) {
        Map<String, Long> plain = new HashMap<>();
        counts.forEach((color, count) -> plain.put(color, count[0]));
        return plain;
    }
}
