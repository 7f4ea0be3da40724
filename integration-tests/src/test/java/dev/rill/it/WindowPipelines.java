package dev.rill.it;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.EventTime;
import dev.rill.annotation.From;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Reduce;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.annotation.Window;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import dev.rill.runtime.Windowed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/** Pipelines for the window tests: sliding, session, out-of-order, late, union of a fast and a slow source. */
final class WindowPipelines {
    private WindowPipelines() {
    }

    /** An element with a key and an event time. */
    record Tick(String key, long time, long value) {
    }

    /** One fired window of one key. */
    record Fired(long start, long end, String key, long value) {
    }

    static final class Results {
        final List<Fired> fired = new CopyOnWriteArrayList<>();
    }

    /** W4's events in sliding windows of 1,000 ms every 250 ms. */
    @Pipeline(parallelism = 2)
    static final class Sliding {
        private final Results results;

        Sliding(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        @Window(size = 1_000, slide = 250)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(Windowed<String, Long> w) {
            results.fired.add(new Fired(w.window().start(), w.window().end(), w.key(), w.value()));
        }
    }

    /** The session test's input: element i of source s, keyed "k" + i % 3, in bursts separated by idle time. */
    static Tick sessionTick(long i) {
        long burst = i / 40;
        return new Tick("k" + (i % 3), burst * 10_000 + (i % 40) * 7 + (burst % 3) * 500, i % 11);
    }

    static final long SESSION_TICKS = 12_000;
    static final long SESSION_GAP = 100;

    /** Counts and sums per key and session (gap 100 ms), from two sources. */
    @Pipeline(parallelism = 2)
    static final class SessionCount {
        private final Results counts;
        private final Results maxima;

        SessionCount(Results counts, Results maxima) {
            this.counts = counts;
            this.maxima = maxima;
        }

        @Source
        public void ticks(SourceContext ctx, Emitter<Tick> out) {
            for (long i = ctx.subtaskIndex() * SESSION_TICKS / 2; i < (ctx.subtaskIndex() + 1) * SESSION_TICKS / 2; i++) {
                out.emit(sessionTick(i));
            }
        }

        @EventTime
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public String key(Tick t) {
            return t.key();
        }

        @Aggregate
        @Window(gap = SESSION_GAP)
        public long count(long count, Tick t) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void counts(String key, long count, TimeWindow window) {
            counts.fired.add(new Fired(window.start(), window.end(), key, count));
        }

        @KeyBy
        @From("time")
        public String sameKey(Tick t) {
            return t.key();
        }

        @Reduce
        @Window(gap = SESSION_GAP)
        public Tick largest(Tick a, Tick b) {
            return b.value() > a.value() ? b : a;
        }

        @Sink(parallelism = 1)
        public void maxima(String key, Tick largest, TimeWindow window) {
            maxima.fired.add(new Fired(window.start(), window.end(), key, largest.value()));
        }
    }

    /**
     * One source emitting {@code time(i)} for i in [0, n) with one key, counted per tumbling
     * 100 ms window, with 100 ms of allowed out-of-orderness.
     */
    @Pipeline
    static final class OutOfOrder {
        static final int N = 20_000;
        private final Results results;
        private final LongUnaryOperator time;

        OutOfOrder(Results results, LongUnaryOperator time) {
            this.results = results;
            this.time = time;
        }

        @Source
        public void ticks(Emitter<Tick> out) {
            for (long i = 0; i < N; i++) {
                out.emit(new Tick("k", time.applyAsLong(i), i));
            }
        }

        @EventTime(maxOutOfOrderness = 100)
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public String key(Tick t) {
            return t.key();
        }

        @Aggregate
        @Window(size = 100)
        public long count(long count, Tick t) {
            return count + 1;
        }

        @Sink
        public void results(String key, long count, TimeWindow window) {
            results.fired.add(new Fired(window.start(), window.end(), key, count));
        }
    }

    /**
     * Two sources over the same times, one fast and one slow; records, when each window
     * fires, how far the slow source had got.
     */
    @Pipeline
    static class FastAndSlow {
        static final int N = 3_000;
        private final Results results;
        private final AtomicLong slowProgress;
        private final List<long[]> firedAt;

        FastAndSlow(Results results, AtomicLong slowProgress, List<long[]> firedAt) {
            this.results = results;
            this.slowProgress = slowProgress;
            this.firedAt = firedAt;
        }

        @Source
        public void fast(Emitter<Tick> out) {
            for (long t = 0; t < N; t++) {
                out.emit(new Tick("k", t, 1));
            }
        }

        @Source
        public void slow(Emitter<Tick> out) throws InterruptedException {
            for (long t = 0; t < N; t++) {
                slowProgress.set(t);
                out.emit(new Tick("k", t, 1));
                if (t % 100 == 99) {
                    Thread.sleep(2);
                }
            }
            slowProgress.set(Long.MAX_VALUE);
        }

        // each source assigns its own timestamps, so each has its own watermark
        @EventTime
        @From("fast")
        public long fastTime(Tick t) {
            return t.time();
        }

        @EventTime
        @From("slow")
        public long slowTime(Tick t) {
            return t.time();
        }

        @KeyBy
        @From({"fastTime", "slowTime"})
        public String key(Tick t) {
            return t.key();
        }

        @Aggregate
        @Window(size = 500)
        public long count(long count, Tick t) {
            return count + 1;
        }

        @Sink
        public void results(String key, long count, TimeWindow window) {
            firedAt.add(new long[] {window.end(), slowProgress.get()});
            results.fired.add(new Fired(window.start(), window.end(), key, count));
        }
    }

    // --- pre-aggregated: the same with @Aggregate(merge), so the sources fold before the exchange ---

    /** {@link Sliding} pre-aggregated. */
    @Pipeline(parallelism = 2)
    static class SlidingMerged {
        private final Results results;

        SlidingMerged(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000, slide = 250)
        public long count(long count, Event e) {
            return count + 1;
        }

        static long sum(long a, long b) {
            return a + b;
        }

        @Sink(parallelism = 1)
        public void results(Windowed<String, Long> w) {
            results.fired.add(new Fired(w.window().start(), w.window().end(), w.key(), w.value()));
        }
    }

    /** {@link OutOfOrder} pre-aggregated. */
    @Pipeline
    static class OutOfOrderMerged {
        private final Results results;
        private final LongUnaryOperator time;

        OutOfOrderMerged(Results results, LongUnaryOperator time) {
            this.results = results;
            this.time = time;
        }

        @Source
        public void ticks(Emitter<Tick> out) {
            for (long i = 0; i < OutOfOrder.N; i++) {
                out.emit(new Tick("k", time.applyAsLong(i), i));
            }
        }

        @EventTime(maxOutOfOrderness = 100)
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public String key(Tick t) {
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

        @Sink
        public void results(String key, long count, TimeWindow window) {
            results.fired.add(new Fired(window.start(), window.end(), key, count));
        }
    }

    /**
     * Ticks of times {@code time(i)} for i in [0, n), in sliding windows of 40 s every 20 s with
     * no allowed out-of-orderness, folded with and without merge: elements far behind the
     * watermark are late in some of their windows or in all of them. One source chain makes
     * the watermark; the windowed stage runs in two subtasks.
     */
    @Pipeline
    static final class PartlyLate {
        static final int N = 200_000;
        private final Results results;
        private final LongUnaryOperator time;

        PartlyLate(Results results, LongUnaryOperator time) {
            this.results = results;
            this.time = time;
        }

        @Source
        public void ticks(Emitter<Tick> out) {
            for (long i = 0; i < N; i++) {
                out.emit(new Tick("k" + i % 3, time.applyAsLong(i), i));
            }
        }

        @EventTime
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public String key(Tick t) {
            return t.key();
        }

        @Aggregate(parallelism = 2)
        @Window(size = 40_000, slide = 20_000)
        public long count(long count, Tick t) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String key, long count, TimeWindow window) {
            results.fired.add(new Fired(window.start(), window.end(), key, count));
        }
    }

    /** {@link PartlyLate} pre-aggregated, with an instance merge method. */
    @Pipeline
    static class PartlyLateMerged {
        private final Results results;
        private final LongUnaryOperator time;

        PartlyLateMerged(Results results, LongUnaryOperator time) {
            this.results = results;
            this.time = time;
        }

        @Source
        public void ticks(Emitter<Tick> out) {
            for (long i = 0; i < PartlyLate.N; i++) {
                out.emit(new Tick("k" + i % 3, time.applyAsLong(i), i));
            }
        }

        @EventTime
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public String key(Tick t) {
            return t.key();
        }

        @Aggregate(merge = "plus", parallelism = 2)
        @Window(size = 40_000, slide = 20_000)
        public long count(long count, Tick t) {
            return count + 1;
        }

        long plus(long a, long b) {
            return a + b;
        }

        @Sink(parallelism = 1)
        public void results(String key, long count, TimeWindow window) {
            results.fired.add(new Fired(window.start(), window.end(), key, count));
        }
    }

    /** {@link FastAndSlow} pre-aggregated: each source chain folds its own partials. */
    @Pipeline
    static class FastAndSlowMerged {
        private final Results results;
        private final AtomicLong slowProgress;
        private final List<long[]> firedAt;

        FastAndSlowMerged(Results results, AtomicLong slowProgress, List<long[]> firedAt) {
            this.results = results;
            this.slowProgress = slowProgress;
            this.firedAt = firedAt;
        }

        @Source
        public void fast(Emitter<Tick> out) {
            for (long t = 0; t < FastAndSlow.N; t++) {
                out.emit(new Tick("k", t, 1));
            }
        }

        @Source
        public void slow(Emitter<Tick> out) throws InterruptedException {
            for (long t = 0; t < FastAndSlow.N; t++) {
                slowProgress.set(t);
                out.emit(new Tick("k", t, 1));
                if (t % 100 == 99) {
                    Thread.sleep(2);
                }
            }
            slowProgress.set(Long.MAX_VALUE);
        }

        @EventTime
        @From("fast")
        public long fastTime(Tick t) {
            return t.time();
        }

        @EventTime
        @From("slow")
        public long slowTime(Tick t) {
            return t.time();
        }

        @KeyBy
        @From({"fastTime", "slowTime"})
        public String key(Tick t) {
            return t.key();
        }

        @Aggregate(merge = "sum")
        @Window(size = 500)
        public long count(long count, Tick t) {
            return count + 1;
        }

        static long sum(long a, long b) {
            return a + b;
        }

        @Sink
        public void results(String key, long count, TimeWindow window) {
            firedAt.add(new long[] {window.end(), slowProgress.get()});
            results.fired.add(new Fired(window.start(), window.end(), key, count));
        }
    }

    /**
     * Pre-aggregated with an int key and 20,000 keys per window: each window's partials fill
     * several batches, so a watermark published in the middle of sending them would close the
     * window downstream before the rest arrive. One source, so that its watermark alone decides.
     */
    @Pipeline
    static class ManyKeysMerged {
        static final int N = 200_000;
        static final int KEYS = 20_000;
        private final Results results;

        ManyKeysMerged(Results results) {
            this.results = results;
        }

        @Source
        public void ticks(Emitter<Tick> out) {
            for (long i = 0; i < N; i++) {
                out.emit(new Tick("", i, i));
            }
        }

        @EventTime
        public long time(Tick t) {
            return t.time();
        }

        @KeyBy
        public int key(Tick t) {
            return (int) (t.value() % KEYS);
        }

        @Aggregate(merge = "sum", parallelism = 2)
        @Window(size = 50_000)
        public long count(long count, Tick t) {
            return count + 1;
        }

        static long sum(long a, long b) {
            return a + b;
        }

        @Sink
        public void results(int key, long count, TimeWindow window) {
            results.fired.add(new Fired(window.start(), window.end(), Integer.toString(key), count));
        }
    }

    /**
     * Pre-aggregated in a chain that reads an exchange and has no event time of its own: the
     * source makes the watermark, a rebalanced transform passes it on, and the transform's
     * chain folds the partials and flushes them as its input watermark moves.
     */
    @Pipeline(parallelism = 2)
    static class RebalancedMerged {
        private final Results results;

        RebalancedMerged(Results results) {
            this.results = results;
        }

        @Source(parallelism = 1)
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @EventTime(parallelism = 1)
        public long time(Event e) {
            return e.timestamp();
        }

        @Transform
        @Rebalance
        public Event same(Event e) {
            return e;
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        static long sum(long a, long b) {
            return a + b;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.fired.add(new Fired(window.start(), window.end(), color, count));
        }
    }
}
