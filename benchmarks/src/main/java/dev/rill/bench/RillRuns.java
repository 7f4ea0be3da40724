package dev.rill.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs each workload's Rill pipeline once and collects its output from the pipeline
 * instances the factory made (one per subtask of every chain; only the sink instances hold
 * results). The factory is called on the calling thread while the job is built.
 */
public final class RillRuns {
    private RillRuns() {
    }

    public static long w1(long n) {
        List<W1Pipeline> made = new ArrayList<>();
        RillW1Pipeline.create(() -> add(made, new W1Pipeline(n))).run();
        long sum = 0;
        for (W1Pipeline p : made) {
            sum += p.sum;
        }
        return sum;
    }

    public static W2Result w2(long n) {
        List<W2Pipeline> made = new ArrayList<>();
        RillW2Pipeline.create(() -> add(made, new W2Pipeline(n))).run();
        return w2Result(made);
    }

    static W2Result w2Result(List<W2Pipeline> made) {
        Map<String, Long> counts = new HashMap<>();
        long updates = 0;
        for (W2Pipeline p : made) {
            p.last.forEach((color, count) -> counts.put(color, count[0]));
            updates += p.updates;
        }
        return new W2Result(counts, updates);
    }

    public static W3Result w3(long n) {
        List<W3Pipeline> made = new ArrayList<>();
        RillW3Pipeline.create(() -> add(made, new W3Pipeline(n))).run();
        return w3Result(made);
    }

    static W3Result w3Result(List<W3Pipeline> made) {
        long[] sums = new long[Events.W3_KEYS];
        boolean[] seen = new boolean[Events.W3_KEYS];
        for (W3Pipeline p : made) {
            if (p.last != null) {
                for (int k = 0; k < Events.W3_KEYS; k++) {
                    if (p.seen[k]) {
                        sums[k] = p.last[k];
                        seen[k] = true;
                    }
                }
            }
        }
        return W3Result.of(sums, seen);
    }

    public static W4Result w4(long n) {
        List<W4Pipeline> made = new ArrayList<>();
        RillW4Pipeline.create(() -> add(made, new W4Pipeline(n))).run();
        return w4Result(made.stream().map(p -> p.fired));
    }

    /** W4 with the count's merge declared, so the sources pre-aggregate before the exchange. */
    public static W4Result w4PreAggregated(long n) {
        List<W4PreAggregatedPipeline> made = new ArrayList<>();
        RillW4PreAggregatedPipeline.create(() -> add(made, new W4PreAggregatedPipeline(n))).run();
        return w4Result(made.stream().map(p -> p.fired));
    }

    /** Every subtask's fired windows; the sink runs in one subtask, the other instances fired none. */
    private static W4Result w4Result(java.util.stream.Stream<List<W4Result.Count>> fired) {
        List<W4Result.Count> all = new ArrayList<>();
        fired.forEach(all::addAll);
        return new W4Result(all);
    }

    static <T> T add(List<T> made, T p) {
        made.add(p);
        return p;
    }
}
