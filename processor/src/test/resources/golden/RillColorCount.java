package dev.rill.sample;

import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exchange.KeyGroupMemo;
import dev.rill.runtime.exec.ExchangeSubtask;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Metrics;
import dev.rill.runtime.exec.SourceSubtask;
import dev.rill.runtime.state.RefKeyLongState;
import java.util.Objects;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Runs {@link ColorCount}, compiled by Rill from its annotations. Do not edit.
 *
 * <pre>{@code
 * PipelineResult result = RillColorCount.create(ColorCount::new).run();
 * }</pre>
 *
 * The plan ({@code ->} a direct call, {@code =>} an exchange between threads):
 * <pre>
 * Pipeline ColorCount (max parallelism 128)
 * chain EventsChain, parallelism 2
 *   events [source] -> notOrange
 *   notOrange [filter] -> color
 *   color [key by] => hash to count
 * chain CountChain, parallelism 2
 *   count [aggregate] => rebalance to results
 * chain ResultsChain, parallelism 1
 *   results [sink]
 * </pre>
 */
@Generated("dev.rill.processor.RillProcessor")
@SuppressWarnings("unchecked")
public final class RillColorCount {
    private static final String PLAN = "Pipeline ColorCount (max parallelism 128)\n"
            + "chain EventsChain, parallelism 2\n"
            + "  events [source] -> notOrange\n"
            + "  notOrange [filter] -> color\n"
            + "  color [key by] => hash to count\n"
            + "chain CountChain, parallelism 2\n"
            + "  count [aggregate] => rebalance to results\n"
            + "chain ResultsChain, parallelism 1\n"
            + "  results [sink]\n";

    private static final String[] STAGES = {"events", "notOrange", "color", "count", "results"};

    static final int MAX_PARALLELISM = 128;

    private final Supplier<? extends ColorCount> factory;

    private RillColorCount(Supplier<? extends ColorCount> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A runnable pipeline; {@code factory} makes one ColorCount per subtask of every chain.
     */
    public static RillColorCount create(Supplier<? extends ColorCount> factory) {
        return new RillColorCount(factory);
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
        Job job = new Job("ColorCount", STAGES);
        BatchChannel[][] colorToCount = job.exchange(2, 2, 1, 0, BatchChannel.BULK_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
        BatchChannel[][] countToResults = job.exchange(2, 1, 1, 1, BatchChannel.BULK_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
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
     * Runs events, notOrange, color as one fused loop body; one instance per subtask, parallelism 2.
     */
    static final class EventsChain extends SourceSubtask implements Emitter<Event> {
        private final ColorCount pipeline;

        private final ColorToCount colorToCount;

        private long eventsOut;

        private long notOrangeDropped;

        EventsChain(Job job, ColorCount pipeline, int index, BatchChannel[] colorToCount) {
            super(job, "events", index, 2);
            this.pipeline = pipeline;
            outputs(colorToCount);
            this.colorToCount = new ColorToCount(colorToCount);
        }

        @Override
        protected void execute() {
            try {
                pipeline.events(this, this);
            } catch (Throwable t) {
                throw failure("events", t);
            }
        }

        @Override
        public void emit(Event element) {
            eventsOut++;
            onNotOrange(element);
        }

        private void onNotOrange(Event element) {
            boolean keep;
            try {
                keep = pipeline.notOrange(element);
            } catch (Throwable t) {
                throw failure("notOrange", element, t);
            }
            if (!keep) {
                notOrangeDropped++;
                return;
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
            colorToCount.route(key, element);
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long eventsIn = 0L;
            long eventsOut = this.eventsOut;
            metrics.add(0, eventsIn, eventsOut);
            long notOrangeIn = eventsOut;
            long notOrangeOut = notOrangeIn - this.notOrangeDropped;
            metrics.add(1, notOrangeIn, notOrangeOut);
            long colorIn = notOrangeOut;
            long colorOut = colorIn;
            metrics.add(2, colorIn, colorOut);
        }
    }

    /**
     * Runs count as one fused loop body; one instance per subtask, parallelism 2.
     */
    static final class CountChain extends ExchangeSubtask {
        private final ColorCount pipeline;

        private final CountToResults countToResults;

        private long countIn;

        private final RefKeyLongState<String> countState = new RefKeyLongState<>();

        CountChain(Job job, ColorCount pipeline, int index, BatchChannel[] colorToCount,
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
            countIn += size;
            Object[] refs = batch.refs;
            for (int row = 0; row < size; row++) {
                Event element = (Event) refs[row];
                String key;
                try {
                    key = pipeline.color(element);
                } catch (Throwable t) {
                    throw failure("color", element, t);
                }
                onCount(key, element);
            }
        }

        private void onCount(String key, Event element) {
            int slot = countState.indexOf(key);
            long acc = slot >= 0 ? countState.value(slot) : 0L;
            try {
                acc = pipeline.count(acc, element);
            } catch (Throwable t) {
                throw failure("count", element, t);
            }
            if (slot >= 0) {
                countState.set(slot, acc);
            } else {
                if (!ownsKey(key.hashCode(), MAX_PARALLELISM)) {
                    throw foreignKey(key, key.hashCode(), MAX_PARALLELISM, "color", element);
                }
                countState.insert(key, acc);
            }
            countToResults.route(key, acc);
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long countIn = this.countIn;
            long countOut = countIn;
            metrics.add(3, countIn, countOut);
        }
    }

    /**
     * Runs results as one fused loop body; one instance per subtask, parallelism 1.
     */
    static final class ResultsChain extends ExchangeSubtask {
        private final ColorCount pipeline;

        private long resultsIn;

        ResultsChain(Job job, ColorCount pipeline, int index, BatchChannel[] countToResults) {
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
                String key = (String) refs[row];
                long value = longs[row];
                onResults(key, value);
            }
        }

        private void onResults(String key, long value) {
            try {
                pipeline.results(key, value);
            } catch (Throwable t) {
                throw failure("results", new Keyed<>(key, value), t);
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

        void route(String key, Event element) {
            // Flink's key groups: the same key always reaches the same subtask
            int target = keyGroups.subtask(key.hashCode());
            write(channels[target], element);
        }

        private static void write(BatchChannel channel, Event element) {
            Batch batch = channel.batch;
            int row = batch.size;
            batch.refs[row] = element;
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

        void route(String key, long value) {
            int target = next;
            next = target + 1 == channels.length ? 0 : target + 1;
            write(channels[target], key, value);
        }

        private static void write(BatchChannel channel, String key, long value) {
            Batch batch = channel.batch;
            int row = batch.size;
            batch.refs[row] = key;
            batch.longs[row] = value;
            channel.commit();
        }
    }
}
