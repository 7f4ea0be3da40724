package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.runtime.PipelineResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * W4: every (window start, color, count) fired exactly once, equal to a plain loop's count of
 * events per 1,000 ms window and color; no element late (timestamps are in order per source
 * subtask, and the window stage waits for the slowest source).
 */
class W4Test {

    /** The reference: the plain single-threaded loop of WORKLOADS.md. */
    static List<W4.Count> expected(long n) {
        Map<Long, Map<String, Long>> counts = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            Event e = Workloads.event(i);
            long start = e.timestamp() - Math.floorMod(e.timestamp(), 1_000L);
            counts.computeIfAbsent(start, k -> new TreeMap<>()).merge(e.color(), 1L, Long::sum);
        }
        List<W4.Count> out = new ArrayList<>();
        counts.forEach((start, byColor) -> byColor.forEach((color, c) -> out.add(new W4.Count(start, color, c))));
        return out;
    }

    private static void check(Function<W4.Results, PipelineResult> run) {
        W4.Results results = new W4.Results();
        PipelineResult result = run.apply(results);
        List<W4.Count> actual = new ArrayList<>(results.fired);
        actual.sort(Comparator.comparingLong(W4.Count::windowStart).thenComparing(W4.Count::color));
        assertEquals(expected(Workloads.N), actual);
        assertEquals(0, result.lateElements());
        assertEquals(Workloads.N, result.stage("count").elementsIn());
        assertEquals(actual.size(), result.stage("count").elementsOut(), "one output per key and window");
    }

    @Test
    void parallelism1() {
        check(r -> RillW4_P1.create(() -> new W4.P1(r)).run());
    }

    @Test
    void parallelism2() {
        check(r -> RillW4_P2.create(() -> new W4.P2(r)).run());
    }

    @Test
    void parallelism3() {
        check(r -> RillW4_P3.create(() -> new W4.P3(r)).run());
    }

    @Test
    void preAggregatedAtParallelism1() {
        check(r -> RillW4_Merged1.create(() -> new W4.Merged1(r)).run());
    }

    @Test
    void preAggregatedAtParallelism2() {
        check(r -> RillW4_Merged2.create(() -> new W4.Merged2(r)).run());
    }

    @Test
    void preAggregatedAtParallelism3() {
        check(r -> RillW4_Merged3.create(() -> new W4.Merged3(r)).run());
    }
}
