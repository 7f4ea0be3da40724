package dev.rill.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The workloads as a user would write them with {@code java.util.stream}, sequential or
 * parallel: the stream's own idioms ({@code groupingBy}/{@code counting} for W2 and, nested by
 * window and color, for W4; a mutable {@code long[]} reduction for W3's dense keys). A stream
 * sees all of its input before it answers, so W4's windows come out at the end rather than as
 * each one closes: the same triples, none of the watermark's work.
 */
public final class Streams {
    private Streams() {
    }

    private static LongStream range(long n, boolean parallel) {
        LongStream s = LongStream.range(0, n);
        return parallel ? s.parallel() : s;
    }

    public static long w1(long n, boolean parallel) {
        return range(n, parallel).mapToObj(Events::event).filter(Events::notOrange).mapToLong(Events::weight).sum();
    }

    public static W2Result w2(long n, boolean parallel) {
        Map<String, Long> counts = range(n, parallel).mapToObj(Events::event).filter(Events::notOrange)
                .collect(Collectors.groupingBy(Event::color, Collectors.counting()));
        long updates = counts.values().stream().mapToLong(Long::longValue).sum();
        return new W2Result(counts, updates);
    }

    public static W3Result w3(long n, boolean parallel) {
        long[][] state = range(n, parallel).mapToObj(Events::event).collect(
                () -> new long[][] {new long[Events.W3_KEYS], new long[Events.W3_KEYS]},
                (s, e) -> {
                    int key = Events.w3Key(e);
                    s[0][key] += e.value();
                    s[1][key] = 1;
                },
                (a, b) -> {
                    for (int k = 0; k < Events.W3_KEYS; k++) {
                        a[0][k] += b[0][k];
                        a[1][k] |= b[1][k];
                    }
                });
        boolean[] seen = new boolean[Events.W3_KEYS];
        for (int k = 0; k < seen.length; k++) {
            seen[k] = state[1][k] != 0;
        }
        return W3Result.of(state[0], seen);
    }

    public static W4Result w4(long n, boolean parallel) {
        Map<Long, Map<String, Long>> counts = range(n, parallel).mapToObj(Events::event)
                .collect(Collectors.groupingBy(e -> Events.w4WindowStart(e.timestamp()),
                        Collectors.groupingBy(Event::color, Collectors.counting())));
        List<W4Result.Count> triples = new ArrayList<>();
        counts.forEach((start, byColor) -> byColor.forEach(
                (color, count) -> triples.add(new W4Result.Count(start, color, count))));
        return new W4Result(triples);
    }
}
