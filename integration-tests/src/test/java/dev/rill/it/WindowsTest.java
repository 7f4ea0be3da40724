package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.it.WindowPipelines.Fired;
import dev.rill.it.WindowPipelines.Results;
import dev.rill.it.WindowPipelines.Tick;
import dev.rill.runtime.PipelineResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sliding and session windows, out-of-order and late elements, watermarks across a union: against plain-Java references. */
class WindowsTest {
    private static final Comparator<Fired> ORDER = Comparator.comparingLong(Fired::start)
            .thenComparingLong(Fired::end).thenComparing(Fired::key);

    private static List<Fired> sorted(List<Fired> fired) {
        List<Fired> copy = new ArrayList<>(fired);
        copy.sort(ORDER);
        return copy;
    }

    /** Counts per (window, key) for windows of {@code size} every {@code slide}, aligned to epoch 0. */
    private static List<Fired> slidingCounts(List<Tick> ticks, long size, long slide) {
        Map<Fired, Long> counts = new TreeMap<>(ORDER);
        for (Tick t : ticks) {
            for (long start = t.time() - Math.floorMod(t.time(), slide); start > t.time() - size; start -= slide) {
                counts.merge(new Fired(start, start + size, t.key(), 0), 1L, Long::sum);
            }
        }
        List<Fired> out = new ArrayList<>();
        counts.forEach((w, c) -> out.add(new Fired(w.start(), w.end(), w.key(), c)));
        return out;
    }

    @Test
    void slidingWindowsCountEveryElementInEachOfItsWindows() {
        List<Tick> ticks = new ArrayList<>();
        for (long i = 0; i < Workloads.N; i++) {
            Event e = Workloads.event(i);
            ticks.add(new Tick(e.color(), e.timestamp(), 1));
        }
        Results results = new Results();
        PipelineResult result = RillWindowPipelines_Sliding.create(() -> new WindowPipelines.Sliding(results)).run();
        assertEquals(slidingCounts(ticks, 1_000, 250), sorted(results.fired));
        assertEquals(0, result.lateElements());

        Results merged = new Results();
        PipelineResult preAggregated = RillWindowPipelines_SlidingMerged.create(
                () -> new WindowPipelines.SlidingMerged(merged)).run();
        assertEquals(slidingCounts(ticks, 1_000, 250), sorted(merged.fired), "pre-aggregated");
        assertEquals(0, preAggregated.lateElements());
        assertEquals(Workloads.N, preAggregated.stage("count").elementsIn(), "every element counted in once");
        assertEquals(merged.fired.size(), preAggregated.stage("count").elementsOut());
    }

    /** Sessions per key: sort each key's times and cut where two are more than the gap apart. */
    private static List<Fired> sessions(List<Tick> ticks, long gap, boolean count) {
        Map<String, List<Tick>> byKey = new TreeMap<>();
        for (Tick t : ticks) {
            byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t);
        }
        List<Fired> out = new ArrayList<>();
        byKey.forEach((key, list) -> {
            list.sort(Comparator.comparingLong(Tick::time));
            int from = 0;
            for (int i = 1; i <= list.size(); i++) {
                // Flink merges windows [t, t + gap) that touch: a new session starts only after a gap of more than `gap`
                if (i == list.size() || list.get(i).time() > list.get(i - 1).time() + gap) {
                    List<Tick> session = list.subList(from, i);
                    long value = count ? session.size() : session.stream().mapToLong(Tick::value).max().orElseThrow();
                    out.add(new Fired(session.get(0).time(), list.get(i - 1).time() + gap, key, value));
                    from = i;
                }
            }
        });
        out.sort(ORDER);
        return out;
    }

    @Test
    void sessionWindowsMergeAcrossSourcesAndFireOncePerSession() {
        List<Tick> ticks = new ArrayList<>();
        for (long i = 0; i < WindowPipelines.SESSION_TICKS; i++) {
            ticks.add(WindowPipelines.sessionTick(i));
        }
        Results counts = new Results();
        Results maxima = new Results();
        PipelineResult result = RillWindowPipelines_SessionCount.create(
                () -> new WindowPipelines.SessionCount(counts, maxima)).run();
        assertEquals(sessions(ticks, WindowPipelines.SESSION_GAP, true), sorted(counts.fired));
        assertEquals(sessions(ticks, WindowPipelines.SESSION_GAP, false), sorted(maxima.fired));
        assertEquals(0, result.lateElements());
    }

    @Test
    void elementsOutOfOrderWithinTheBoundLandInTheirWindows() {
        // blocks of ten reversed: each element is at most 90 ms behind the largest seen, within the 100 ms bound
        java.util.function.LongUnaryOperator time = i -> (i / 10 * 10 + (9 - i % 10)) * 10;
        List<Tick> ticks = new ArrayList<>();
        for (long i = 0; i < WindowPipelines.OutOfOrder.N; i++) {
            ticks.add(new Tick("k", time.applyAsLong(i), i));
        }
        Results results = new Results();
        PipelineResult result = RillWindowPipelines_OutOfOrder.create(
                () -> new WindowPipelines.OutOfOrder(results, time)).run();
        assertEquals(slidingCounts(ticks, 100, 100), sorted(results.fired));
        assertEquals(0, result.lateElements());

        Results merged = new Results();
        PipelineResult preAggregated = RillWindowPipelines_OutOfOrderMerged.create(
                () -> new WindowPipelines.OutOfOrderMerged(merged, time)).run();
        assertEquals(slidingCounts(ticks, 100, 100), sorted(merged.fired), "pre-aggregated");
        assertEquals(0, preAggregated.lateElements());
    }

    @Test
    void lateElementsAreDroppedAndCounted() {
        // in order up to 5,000, then every 1,000th element goes back to the start: far beyond the 100 ms bound.
        // Thousands of later elements lie between, so batches carrying the advanced watermark reach the window
        // stage before each late element does.
        java.util.function.LongUnaryOperator time = i -> i >= 5_000 && i % 1_000 == 0 ? i % 7 : i;
        List<Tick> onTime = new ArrayList<>();
        long late = 0;
        for (long i = 0; i < WindowPipelines.OutOfOrder.N; i++) {
            if (i >= 5_000 && i % 1_000 == 0) {
                late++;
            } else {
                onTime.add(new Tick("k", time.applyAsLong(i), i));
            }
        }
        Results results = new Results();
        PipelineResult result = RillWindowPipelines_OutOfOrder.create(
                () -> new WindowPipelines.OutOfOrder(results, time)).run();
        assertEquals(late, result.lateElements());
        assertEquals(slidingCounts(onTime, 100, 100), sorted(results.fired), "late elements never reach a closed window");

        Results merged = new Results();
        PipelineResult preAggregated = RillWindowPipelines_OutOfOrderMerged.create(
                () -> new WindowPipelines.OutOfOrderMerged(merged, time)).run();
        assertEquals(late, preAggregated.lateElements(), "pre-aggregated");
        assertEquals(slidingCounts(onTime, 100, 100), sorted(merged.fired), "pre-aggregated");
        assertEquals(WindowPipelines.OutOfOrder.N, preAggregated.stage("count").elementsIn());
    }

    /**
     * Sliding windows of 40 s every 20 s, no allowed out-of-orderness. In order, but for two
     * kinds of stragglers from 100 s on: 10 elements in each 20 s go back 30 s, which leaves
     * one of their windows open by 1 ms and the other closed 20 s ago; 10 more go back 70 s,
     * past both of their windows. The margins dwarf how far a consumer's watermark can trail
     * its producer's (a batch of rows), so the judgement is exact, with or without merge.
     */
    @Test
    void anElementIsLateOnlyWhenEveryOneOfItsWindowsHasFired() {
        java.util.function.LongUnaryOperator time = i -> i < 100_000 ? i
                : i % 20_000 < 10 ? i - 30_000
                : i % 20_000 >= 10_000 && i % 20_000 < 10_010 ? i - 70_000
                : i;
        // the reference: the exact watermark, the largest time seen minus 1, judged element by element
        Map<Fired, Long> counts = new TreeMap<>(ORDER);
        long late = 0;
        long maxTime = Long.MIN_VALUE;
        for (long i = 0; i < WindowPipelines.PartlyLate.N; i++) {
            long t = time.applyAsLong(i);
            maxTime = Math.max(maxTime, t);
            long watermark = maxTime - 1;
            boolean counted = false;
            for (long start = t - Math.floorMod(t, 20_000L); start > t - 40_000; start -= 20_000) {
                if (start + 40_000 - 1 > watermark) {
                    counts.merge(new Fired(start, start + 40_000, "k" + i % 3, 0), 1L, Long::sum);
                    counted = true;
                }
            }
            late += counted ? 0 : 1;
        }
        List<Fired> expected = new ArrayList<>();
        counts.forEach((w, c) -> expected.add(new Fired(w.start(), w.end(), w.key(), c)));
        assertEquals(50, late, "the test's own arithmetic");

        Results plain = new Results();
        PipelineResult result = RillWindowPipelines_PartlyLate.create(() -> new WindowPipelines.PartlyLate(plain, time)).run();
        assertEquals(expected, sorted(plain.fired));
        assertEquals(late, result.lateElements());

        Results merged = new Results();
        PipelineResult preAggregated = RillWindowPipelines_PartlyLateMerged.create(
                () -> new WindowPipelines.PartlyLateMerged(merged, time)).run();
        assertEquals(expected, sorted(merged.fired), "pre-aggregated");
        assertEquals(late, preAggregated.lateElements(), "pre-aggregated");
    }

    @Test
    void windowsFireOnlyOnceTheSlowerSourceHasPassedThem() {
        Results results = new Results();
        AtomicLong slowProgress = new AtomicLong(-1);
        List<long[]> firedAt = new CopyOnWriteArrayList<>();
        PipelineResult result = RillWindowPipelines_FastAndSlow.create(
                () -> new WindowPipelines.FastAndSlow(results, slowProgress, firedAt)).run();
        checkFastAndSlow(results, result, firedAt);
    }

    @Test
    void preAggregatedWindowsFireOnlyOnceTheSlowerSourceHasPassedThem() {
        Results results = new Results();
        AtomicLong slowProgress = new AtomicLong(-1);
        List<long[]> firedAt = new CopyOnWriteArrayList<>();
        PipelineResult result = RillWindowPipelines_FastAndSlowMerged.create(
                () -> new WindowPipelines.FastAndSlowMerged(results, slowProgress, firedAt)).run();
        checkFastAndSlow(results, result, firedAt);
        assertEquals(2L * WindowPipelines.FastAndSlow.N, result.stage("count").elementsIn());
    }

    private static void checkFastAndSlow(Results results, PipelineResult result, List<long[]> firedAt) {
        int n = WindowPipelines.FastAndSlow.N;
        List<Fired> expected = new ArrayList<>();
        for (long start = 0; start < n; start += 500) {
            expected.add(new Fired(start, start + 500, "k", 2 * Math.min(500, n - start)));
        }
        assertEquals(expected, sorted(results.fired));
        assertEquals(0, result.lateElements());
        for (long[] fired : firedAt) {
            // window [.., end) fires at watermark end - 1, which needs the slow source to have emitted time end
            assertTrue(fired[1] >= fired[0], "window ending " + fired[0] + " fired when the slow source was at " + fired[1]);
        }
    }

    @Test
    void preAggregatedPartialsOfAWindowAllArriveBeforeItFires() {
        Map<Fired, Long> counts = new TreeMap<>(ORDER);
        for (long i = 0; i < WindowPipelines.ManyKeysMerged.N; i++) {
            long start = i - i % 50_000;
            counts.merge(new Fired(start, start + 50_000, Long.toString(i % WindowPipelines.ManyKeysMerged.KEYS), 0),
                    1L, Long::sum);
        }
        List<Fired> expected = new ArrayList<>();
        counts.forEach((w, c) -> expected.add(new Fired(w.start(), w.end(), w.key(), c)));
        Results results = new Results();
        PipelineResult result = RillWindowPipelines_ManyKeysMerged.create(
                () -> new WindowPipelines.ManyKeysMerged(results)).run();
        assertEquals(expected, sorted(results.fired));
        assertEquals(0, result.lateElements());
    }

    @Test
    void aChainWithoutEventTimeOfItsOwnPreAggregatesByItsInputWatermark() {
        List<Tick> ticks = new ArrayList<>();
        for (long i = 0; i < Workloads.N; i++) {
            Event e = Workloads.event(i);
            ticks.add(new Tick(e.color(), e.timestamp(), 1));
        }
        Results results = new Results();
        PipelineResult result = RillWindowPipelines_RebalancedMerged.create(
                () -> new WindowPipelines.RebalancedMerged(results)).run();
        assertEquals(slidingCounts(ticks, 1_000, 1_000), sorted(results.fired));
        assertEquals(0, result.lateElements());
        assertEquals(Workloads.N, result.stage("count").elementsIn());
        assertTrue(RillWindowPipelines_RebalancedMerged.describe().contains(
                "color [key by] => hash to count, pre-aggregated per key and window"),
                RillWindowPipelines_RebalancedMerged.describe());
    }
}
