package dev.rill.bench;

import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exchange.KeyGroups;
import dev.rill.runtime.exec.ExchangeSubtask;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Metrics;
import dev.rill.runtime.exec.SourceSubtask;
import dev.rill.runtime.state.LongKeyLongState;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs {@link W3Pipeline}, compiled by Rill from its annotations. Do not edit.
 *
 * <pre>{@code
 * PipelineResult result = RillW3PipelineRows4096.create(W3Pipeline::new).run();
 * }</pre>
 *
 * The plan ({@code ->} a direct call, {@code =>} an exchange between threads):
 * <pre>
 * Pipeline W3Pipeline (max parallelism 128)
 * chain EventsChain, parallelism 2
 *   events [source] -> key
 *   key [key by] => hash to sum
 * chain SumChain, parallelism 2
 *   sum [aggregate] -> results
 *   results [sink]
 * </pre>
 */
// Hand-edited copy of the generated RillW3Pipeline: only the job.exchange(...) calls differ.
@SuppressWarnings("unchecked")
public final class RillW3PipelineRows4096 {
    private static final String PLAN = "Pipeline W3Pipeline (max parallelism 128)\n"
            + "chain EventsChain, parallelism 2\n"
            + "  events [source] -> key\n"
            + "  key [key by] => hash to sum\n"
            + "chain SumChain, parallelism 2\n"
            + "  sum [aggregate] -> results\n"
            + "  results [sink]\n";

    private static final String[] STAGES = {"events", "key", "sum", "results"};

    static final int MAX_PARALLELISM = 128;

    private final Supplier<? extends W3Pipeline> factory;

    private RillW3PipelineRows4096(Supplier<? extends W3Pipeline> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A runnable pipeline; {@code factory} makes one W3Pipeline per subtask of every chain.
     */
    public static RillW3PipelineRows4096 create(Supplier<? extends W3Pipeline> factory) {
        return new RillW3PipelineRows4096(factory);
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
        Job job = new Job("W3Pipeline", STAGES);
        BatchChannel[][] keyToSum = job.exchange(2, 2, 1, 1, 4096, 8); // edited: 4x the default batch size
        for (int s = 0; s < 2; s++) {
            job.add(new EventsChain(job, factory.get(), s, keyToSum[s]));
        }
        for (int s = 0; s < 2; s++) {
            job.add(new SumChain(job, factory.get(), s, Job.column(keyToSum, s)));
        }
        return job;
    }

    /**
     * Runs events, key as one fused loop body; one instance per subtask, parallelism 2.
     */
    static final class EventsChain extends SourceSubtask implements Emitter<Event> {
        private final W3Pipeline pipeline;

        private final KeyToSum keyToSum;

        private long eventsOut;

        EventsChain(Job job, W3Pipeline pipeline, int index, BatchChannel[] keyToSum) {
            super(job, "events", index, 2);
            this.pipeline = pipeline;
            outputs(keyToSum);
            this.keyToSum = new KeyToSum(keyToSum);
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
            onKey(element);
        }

        private void onKey(Event element) {
            int key;
            try {
                key = pipeline.key(element);
            } catch (Throwable t) {
                throw failure("key", element, t);
            }
            keyToSum.route(key, element);
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long eventsIn = 0L;
            long eventsOut = this.eventsOut;
            metrics.add(0, eventsIn, eventsOut);
            long keyIn = eventsOut;
            long keyOut = keyIn;
            metrics.add(1, keyIn, keyOut);
        }
    }

    /**
     * Runs sum, results as one fused loop body; one instance per subtask, parallelism 2.
     */
    static final class SumChain extends ExchangeSubtask {
        private final W3Pipeline pipeline;

        private long sumIn;

        private final LongKeyLongState sumState = new LongKeyLongState();

        SumChain(Job job, W3Pipeline pipeline, int index, BatchChannel[] keyToSum) {
            super(job, "sum", index, 2);
            this.pipeline = pipeline;
            inputs(keyToSum);
        }

        @Override
        protected void consume(Batch batch) {
            int size = batch.size;
            sumIn += size;
            Object[] refs = batch.refs;
            long[] longs = batch.longs;
            for (int row = 0; row < size; row++) {
                onSum((int) longs[row], (Event) refs[row]);
            }
        }

        private void onSum(int key, Event element) {
            int slot = sumState.indexOf(key);
            long acc = slot >= 0 ? sumState.value(slot) : 0L;
            try {
                acc = pipeline.sum(acc, element);
            } catch (Throwable t) {
                throw failure("sum", element, t);
            }
            if (slot >= 0) {
                sumState.set(slot, acc);
            } else {
                sumState.insert(key, acc);
            }
            onResults(key, acc);
        }

        private void onResults(int key, long value) {
            try {
                pipeline.results(key, value);
            } catch (Throwable t) {
                throw failure("results", new Keyed<>(key, value), t);
            }
        }

        @Override
        protected void reportMetrics(Metrics metrics) {
            long sumIn = this.sumIn;
            long sumOut = sumIn;
            metrics.add(2, sumIn, sumOut);
            long resultsIn = sumOut;
            long resultsOut = 0L;
            metrics.add(3, resultsIn, resultsOut);
        }
    }

    /**
     * The hash exchange from key to sum.
     */
    static final class KeyToSum {
        private final BatchChannel[] channels;

        KeyToSum(BatchChannel[] channels) {
            this.channels = channels;
        }

        void route(int key, Event element) {
            // Flink's key groups: the same key always reaches the same subtask
            int target = KeyGroups.subtask(Integer.hashCode(key), MAX_PARALLELISM, channels.length);
            write(channels[target], key, element);
        }

        private static void write(BatchChannel channel, int key, Event element) {
            Batch batch = channel.batch;
            int row = batch.size;
            batch.longs[row] = key;
            batch.refs[row] = element;
            channel.commit();
        }
    }
}
