package dev.rill.sample;

import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.TimeWindow;
import dev.rill.runtime.Windowed;
import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exchange.KeyGroupMemo;
import dev.rill.runtime.exec.ExchangeSubtask;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Metrics;
import dev.rill.runtime.exec.SourceSubtask;
import dev.rill.runtime.state.RefKeyLongState;
import dev.rill.runtime.window.Watermarks;
import dev.rill.runtime.window.WindowSet;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Runs {@link WindowCount}, compiled by Rill from its annotations. Do not edit.
 *
 * <pre>{@code
 * PipelineResult result = RillWindowCount.create(WindowCount::new).run();
 * }</pre>
 *
 * The plan ({@code ->} a direct call, {@code =>} an exchange between threads):
 * <pre>
 * Pipeline WindowCount (max parallelism 128)
 * chain EventsChain, parallelism 2
 *   events [source] -> time
 *   time [event time, out-of-orderness 0 ms] -> color
 *   color [key by] => hash to count, pre-aggregated per key and window
 * chain CountChain, parallelism 2
 *   count [aggregate, tumbling window 100 ms, merge sum] => rebalance to results
 * chain ResultsChain, parallelism 1
 *   results [sink]
 * </pre>
 */
@Generated("dev.rill.processor.RillProcessor")
@SuppressWarnings("unchecked")
public final class RillWindowCount {
    private static final String PLAN = "Pipeline WindowCount (max parallelism 128)\n"
            + "chain EventsChain, parallelism 2\n"
            + "  events [source] -> time\n"
            + "  time [event time, out-of-orderness 0 ms] -> color\n"
            + "  color [key by] => hash to count, pre-aggregated per key and window\n"
            + "chain CountChain, parallelism 2\n"
            + "  count [aggregate, tumbling window 100 ms, merge sum] => rebalance to results\n"
            + "chain ResultsChain, parallelism 1\n"
            + "  results [sink]\n";

    private static final String[] STAGES = {"events", "time", "color", "count", "results"};

    static final int MAX_PARALLELISM = 128;

    private final Supplier<? extends WindowCount> factory;

    private RillWindowCount(Supplier<? extends WindowCount> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A runnable pipeline; {@code factory} makes one WindowCount per subtask of every chain.
     */
    public static RillWindowCount create(Supplier<? extends WindowCount> factory) {
        return new RillWindowCount(factory);
    }

    /**
     * Runs the pipeline until every source returned and every element reached its sinks.
     */
    public PipelineResult run() {
        return job().run();
    }

    /**
     * Starts the pipeline on its own threads and returns at once.
     */
    public RunningPipeline start() {
        return job().start();
    }

    /**
     * The job graph: chains of fused stages, exchanges, parallelism.
     */
    public static String describe() {
        return PLAN;
    }

    private Job job() {
        Job job = new Job("WindowCount", STAGES);
        BatchChannel[][] colorToCount = job.exchange(2, 2, 1, 3, BatchChannel.LARGE_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
        BatchChannel[][] countToResults = job.exchange(2, 1, 2, 2, BatchChannel.LARGE_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
        for (int s = 0; s < 2; s++) {
            job.add(new EventsChain(job, factory.get(), s, colorToCount[s]));
        }
        for (int s = 0; s < 2; s++) {
            job.add(new CountChain(job, factory.get(), s, Job.column(colorToCount, s), countToResults[s]));
        }
        for (int s = 0; s < 1; s++) {
            job.add(new ResultsChain(job, factory.get(), s, Job.column(countToResults, s)));
        }
        return job;
    }

    /**
     * Runs events, time, color as one fused loop body; one instance per subtask, parallelism 2.
     */
    static final class EventsChain extends SourceSubtask implements Emitter<Event> {
        private final WindowCount pipeline;

        private final ColorToCount colorToCount;

        /**
         * The event time of the element being processed; the fused stages run one element at a time.
         */
        private long timestamp = Long.MIN_VALUE;

        /**
         * count's partial accumulators per window, folded in this subtask before colorToCount.
         */
        private final WindowSet<RefKeyLongState<String>> colorToCountPartials = new WindowSet<>();

        private long colorToCountFolded;

        private long eventsOut;

        private long timeMaxTimestamp = Long.MIN_VALUE;

        EventsChain(Job job, WindowCount pipeline, int index, BatchChannel[] colorToCount) {
            super(job, "events", index, 2);
            this.pipeline = pipeline;
            outputs(colorToCount);
            this.colorToCount = new ColorToCount(colorToCount);
        }

        /**
         * Pre-aggregates count (tumbling window 100 ms) in this subtask: folds the element into its key's partial
         * in each of its windows; the partials cross colorToCount when this subtask's watermark passes the window.
         */
        private void combineColorToCount(String key, Event element) {
            colorToCountFolded++;
            long watermark = Watermarks.boundedOutOfOrderness(timeMaxTimestamp, 0L);
            long start = timestamp - Math.floorMod(timestamp, 100L);
            if (start + 100L - 1 <= watermark) {
                // this window passed here already: the element goes on alone, after the watermark this
                // subtask has now, as the element itself would have, and count judges it
                long acc = 0L;
                try {
                    acc = pipeline.count(acc, element);
                } catch (Throwable t) {
                    throw failure("count", element, t);
                }
                colorToCount.routeAfterWatermark(key, acc, start, 1L);
                return;
            }
            RefKeyLongState<String> table = colorToCountPartials.get(start);
            if (table == null) {
                table = colorToCountPartials.open(start, start + 100L, RefKeyLongState::new);
            }
            int slot = table.indexOf(key);
            long acc = slot >= 0 ? table.value(slot) : 0L;
            try {
                acc = pipeline.count(acc, element);
            } catch (Throwable t) {
                throw failure("count", element, t);
            }
            if (slot >= 0) {
                table.set(slot, acc);
            } else {
                table.insert(key, acc);
            }
            while (colorToCountPartials.size() > 0 && colorToCountPartials.end(0) - 1 <= watermark) {
                RefKeyLongState<String> passed = colorToCountPartials.first();
                for (int s = 0; s < passed.slots(); s++) {
                    if (passed.occupied(s)) {
                        colorToCount.route(passed.key(s), passed.value(s), colorToCountPartials.start(0), 0L);
                    }
                }
                // removed only now: until here the hold kept this subtask's watermark below the window
                colorToCountPartials.recycle(colorToCountPartials.removeFirst());
            }
        }

        /**
         * Pre-aggregates count (tumbling window 100 ms) in this subtask: folds the element into its key's partial
         * in each of its windows; the partials cross colorToCount when this subtask's watermark passes the window.
         *
         * <p>The same for a present Event given as its components, rebuilt here (see
         * how Rill writes this method: it is one piece so that the JIT never inlines it).
         */
        private void combineColorToCountParts(String key, long elementId, String elementColor,
                int elementValue, long elementTimestamp) {
            Event element = new Event(elementId, elementColor, elementValue, elementTimestamp);
            colorToCountFolded++;
            long watermark = Watermarks.boundedOutOfOrderness(timeMaxTimestamp, 0L);
            long start = timestamp - Math.floorMod(timestamp, 100L);
            if (start + 100L - 1 <= watermark) {
                // this window passed here already: the element goes on alone, after the watermark this
                // subtask has now, as the element itself would have, and count judges it
                long acc = 0L;
                try {
                    acc = pipeline.count(acc, element);
                } catch (Throwable t) {
                    throw failure("count", element, t);
                }
                colorToCount.routeAfterWatermark(key, acc, start, 1L);
                return;
            }
            RefKeyLongState<String> table = colorToCountPartials.get(start);
            if (table == null) {
                table = colorToCountPartials.open(start, start + 100L, RefKeyLongState::new);
            }
            int slot = table.indexOf(key);
            long acc = slot >= 0 ? table.value(slot) : 0L;
            try {
                acc = pipeline.count(acc, element);
            } catch (Throwable t) {
                throw failure("count", element, t);
            }
            if (slot >= 0) {
                table.set(slot, acc);
            } else {
                table.insert(key, acc);
            }
            while (colorToCountPartials.size() > 0 && colorToCountPartials.end(0) - 1 <= watermark) {
                RefKeyLongState<String> passed = colorToCountPartials.first();
                for (int s = 0; s < passed.slots(); s++) {
                    if (passed.occupied(s)) {
                        colorToCount.route(passed.key(s), passed.value(s), colorToCountPartials.start(0), 0L);
                    }
                }
                // removed only now: until here the hold kept this subtask's watermark below the window
                colorToCountPartials.recycle(colorToCountPartials.removeFirst());
            }
        }

        /**
         * Sends count's partials of every window {@code watermark} passed, earliest first, and recycles their tables for later windows.
         */
        private void flushColorToCount(long watermark) {
            while (colorToCountPartials.size() > 0 && colorToCountPartials.end(0) - 1 <= watermark) {
                RefKeyLongState<String> passed = colorToCountPartials.first();
                for (int s = 0; s < passed.slots(); s++) {
                    if (passed.occupied(s)) {
                        colorToCount.route(passed.key(s), passed.value(s), colorToCountPartials.start(0), 0L);
                    }
                }
                // removed only now: until here the hold kept this subtask's watermark below the window
                colorToCountPartials.recycle(colorToCountPartials.removeFirst());
            }
        }

        @Override
        protected void execute() {
            try {
                pipeline.events(this, this);
            } catch (Throwable t) {
                throw failure("events", t);
            }
            if (!isCancelled()) {
                // the end of input is the final watermark: the partials still held go before the outputs close
                flushColorToCount(Long.MAX_VALUE);
            }
        }

        @Override
        public void emit(Event element) {
            eventsOut++;
            onTime(element);
        }

        private void onTime(Event element) {
            long time;
            try {
                time = pipeline.time(element);
            } catch (Throwable t) {
                throw failure("time", element, t);
            }
            timestamp = time;
            if (time > timeMaxTimestamp) {
                timeMaxTimestamp = time;
            }
            onColor(element);
        }

        private void onColor(Event element) {
            String key;
            try {
                key = pipeline.color(element);
            } catch (Throwable t) {
                throw failure("color", element, t);
            }
            if (key == null) {
                throw failure("color", element, new NullPointerException("@KeyBy color returned a null key"));
            }
            if (element != null) {
                combineColorToCountParts(key, element.id(), element.color(), element.value(), element.timestamp());
            } else {
                combineColorToCount(key, element);
            }
        }

        /**
         * Flink's bounded out-of-orderness: the largest timestamp seen, minus the allowed lateness, minus 1.
         * Held below the earliest window whose pre-aggregated partials have not left yet.
         */
        @Override
        public long currentWatermark() {
            long watermark = Watermarks.boundedOutOfOrderness(timeMaxTimestamp, 0L);
            watermark = colorToCountPartials.size() == 0 ? watermark : Math.min(watermark, colorToCountPartials.end(0) - 2);
            return watermark;
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long eventsIn = 0L;
            long eventsOut = this.eventsOut;
            metrics.add(0, eventsIn, eventsOut);
            long timeIn = eventsOut;
            long timeOut = timeIn;
            metrics.add(1, timeIn, timeOut);
            long colorIn = timeOut;
            long colorOut = colorIn;
            metrics.add(2, colorIn, colorOut);
            // elements count folded here, before colorToCount
            metrics.add(3, this.colorToCountFolded, 0L);
        }
    }

    /**
     * Runs count as one fused loop body; one instance per subtask, parallelism 2.
     */
    static final class CountChain extends ExchangeSubtask {
        private final WindowCount pipeline;

        private final CountToResults countToResults;

        /**
         * The event time of the element being processed; the fused stages run one element at a time.
         */
        private long timestamp = Long.MIN_VALUE;

        private final WindowSet<RefKeyLongState<String>> countWindows = new WindowSet<>();

        private long countLate;

        private long countFired;

        CountChain(Job job, WindowCount pipeline, int index, BatchChannel[] colorToCount,
                BatchChannel[] countToResults) {
            super(job, "count", index, 2);
            this.pipeline = pipeline;
            inputs(colorToCount);
            outputs(countToResults);
            this.countToResults = new CountToResults(countToResults, index);
        }

        @Override
        protected void consume(Batch batch) {
            int size = batch.size;
            Object[] refs = batch.refs;
            long[] longs = batch.longs;
            for (int row = 0; row < size; row++) {
                String key = (String) refs[row];
                long partial = longs[3 * row];
                long start = longs[3 * row + 1];
                long lateWeight = longs[3 * row + 2];
                onCount(key, partial, start, lateWeight);
            }
        }

        /**
         * Emits (key, value, window) for every window the watermark closed, earliest first, and recycles its table for a later window.
         */
        private void fireCount(long watermark) {
            while (countWindows.size() > 0 && countWindows.end(0) - 1 <= watermark) {
                TimeWindow window = new TimeWindow(countWindows.start(0), countWindows.end(0));
                RefKeyLongState<String> table = countWindows.removeFirst();
                timestamp = window.maxTimestamp();
                for (int slot = 0; slot < table.slots(); slot++) {
                    if (table.occupied(slot)) {
                        String key = table.key(slot);
                        long acc = table.value(slot);
                        countFired++;
                        countToResults.route(key, acc, window, timestamp);
                    }
                }
                countWindows.recycle(table);
            }
        }

        /**
         * count, tumbling window 100 ms: merges one upstream subtask's partial accumulator into its key's window with sum.
         */
        private void onCount(String key, long partial, long start, long lateWeight) {
            long end = start + 100L;
            if (end - 1 <= inputWatermark()) {
                // the window fired already: only a lone element late upstream too gets here (see combine)
                countLate += lateWeight;
                return;
            }
            RefKeyLongState<String> table = countWindows.get(start);
            if (table == null) {
                table = countWindows.open(start, end, RefKeyLongState::new);
            }
            int slot = table.indexOf(key);
            if (slot < 0) {
                table.insert(key, partial);
                return;
            }
            long acc;
            try {
                acc = WindowCount.sum(table.value(slot), partial);
            } catch (Throwable t) {
                throw failure("count", new Keyed<>(key, partial), t);
            }
            table.set(slot, acc);
        }

        @Override
        protected void onWatermark(long watermark) {
            fireCount(watermark);
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long countIn = 0L;
            long countOut = this.countFired;
            metrics.add(3, countIn, countOut);
            metrics.addLate(this.countLate);
        }
    }

    /**
     * Runs results as one fused loop body; one instance per subtask, parallelism 1.
     */
    static final class ResultsChain extends ExchangeSubtask {
        private final WindowCount pipeline;

        /**
         * The event time of the element being processed; the fused stages run one element at a time.
         */
        private long timestamp = Long.MIN_VALUE;

        private long resultsIn;

        ResultsChain(Job job, WindowCount pipeline, int index, BatchChannel[] countToResults) {
            super(job, "results", index, 1);
            this.pipeline = pipeline;
            inputs(countToResults);
        }

        @Override
        protected void consume(Batch batch) {
            int size = batch.size;
            resultsIn += size;
            Object[] refs = batch.refs;
            long[] longs = batch.longs;
            for (int row = 0; row < size; row++) {
                String key = (String) refs[2 * row];
                long value = longs[2 * row];
                TimeWindow window = (TimeWindow) refs[2 * row + 1];
                timestamp = longs[2 * row + 1];
                onResults(key, value, window);
            }
        }

        private void onResults(String key, long value, TimeWindow window) {
            try {
                pipeline.results(key, value, window);
            } catch (Throwable t) {
                throw failure("results", new Windowed<>(key, value, window), t);
            }
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long resultsIn = this.resultsIn;
            long resultsOut = 0L;
            metrics.add(4, resultsIn, resultsOut);
        }
    }

    /**
     * The hash exchange from color to count.
     */
    static final class ColorToCount {
        private final BatchChannel[] channels;

        private final KeyGroupMemo keyGroups;

        ColorToCount(BatchChannel[] channels) {
            this.channels = channels;
            this.keyGroups = new KeyGroupMemo(MAX_PARALLELISM, channels.length);
        }

        /**
         * Routes a row that must reach the consumer after the watermark this subtask has now.
         */
        void routeAfterWatermark(String key, long partial, long start, long lateWeight) {
            int target = keyGroups.subtask(key.hashCode());
            channels[target].publishNow();
            write(channels[target], key, partial, start, lateWeight);
        }

        void route(String key, long partial, long start, long lateWeight) {
            // Flink's key groups: the same key always reaches the same subtask
            int target = keyGroups.subtask(key.hashCode());
            write(channels[target], key, partial, start, lateWeight);
        }

        private static void write(BatchChannel channel, String key, long partial, long start,
                long lateWeight) {
            Batch batch = channel.batch;
            int row = batch.size;
            batch.refs[row] = key;
            batch.longs[3 * row] = partial;
            batch.longs[3 * row + 1] = start;
            batch.longs[3 * row + 2] = lateWeight;
            channel.commit();
        }
    }

    /**
     * The rebalance exchange from count to results.
     */
    static final class CountToResults {
        private final BatchChannel[] channels;

        private int next;

        CountToResults(BatchChannel[] channels, int subtask) {
            this.channels = channels;
            // upstream subtasks start at different channels, so they do not all load the same one first
            this.next = subtask % channels.length;
        }

        void route(String key, long value, TimeWindow window, long timestamp) {
            int target = next;
            next = target + 1 == channels.length ? 0 : target + 1;
            write(channels[target], key, value, window, timestamp);
        }

        private static void write(BatchChannel channel, String key, long value, TimeWindow window,
                long timestamp) {
            Batch batch = channel.batch;
            int row = batch.size;
            batch.refs[2 * row] = key;
            batch.longs[2 * row] = value;
            batch.refs[2 * row + 1] = window;
            batch.longs[2 * row + 1] = timestamp;
            channel.commit();
        }
    }
}
