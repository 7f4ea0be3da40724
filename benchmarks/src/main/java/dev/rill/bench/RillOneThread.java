package dev.rill.bench;

import dev.rill.runtime.Emitter;
import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exec.Job;
import java.util.List;
import java.util.function.Function;

/**
 * A workload's generated code, every subtask of its plan, driven on the calling thread: the
 * source chains' {@code emit} and the downstream chains' {@code consume}, through the same
 * channels, batches, key groups, keyed state and sinks as {@link RillRuns}, but with no thread,
 * no wait and no row crossing to another core. What it measures is the work Rill does per
 * event. On a machine with {@code c} cores no thread layout can run the workload faster than
 * {@code c} times this rate (but for what {@code c} cores' caches hold that one core's do not:
 * at p=2 each core keeps half of the keyed state), so set beside the plain loop it bounds what
 * any scheduling of Rill's plan can reach (W2Bench and W3Bench {@code rillOneThread}; the
 * README's "What bounds W3 (and W2)" has the figures).
 *
 * <p>Each source emits its own index range in turn, as the source method would. Every 4,096
 * events the downstream chains consume what has been published, each batch passed on at once
 * to the next exchange's consumer, so no ring fills: a full ring would wait for a consumer
 * that runs on this very thread. The generated classes are package-private in this package,
 * which is what lets a driver reach them; the channel and stage arrays follow each generated
 * {@code job()} method, but for the batch size: 4,096 rows, where the plan now gives W2 and W3
 * 16,384 ({@code BatchChannel.BULK_BATCH_ROWS}). With those, one core cycles about 10 MB of
 * batches for W3 and the driver measures the cache misses that makes, not Rill's work per
 * event: W3 37.9 M/s ± 9.3 against 51.6 ± 9.5 with 4,096 rows (JMH, -f 3, 2026-11-30, 02:56
 * and 03:01 UTC).
 */
final class RillOneThread {
    private static final int DRAIN_EVERY = 4096;

    private RillOneThread() {
    }

    /** What a downstream chain does with one batch of input {@code subtask}: its {@code consume}. */
    private interface Consumer {
        void consume(int subtask, Batch batch);
    }

    static W3Result w3(long n) {
        W3Pipeline[] sinks = w3(n, sums -> (d, batch) -> sums[d].consume(batch));
        return RillRuns.w3Result(List.of(sinks));
    }

    /**
     * W3's source side alone: the source chains, the key groups' routing and the batches'
     * hand-over as in {@link #w3}, but every batch released unread. Returns the rows handed
     * over, one per event.
     */
    static long w3SourcesOnly(long n) {
        long[] rows = {0};
        w3(n, sums -> (d, batch) -> rows[0] += batch.size);
        return rows[0];
    }

    /**
     * W3's plan on this thread, the keyed chains' input handed to what {@code consumer} makes
     * of them; returns the pipeline instances the keyed chains' sinks wrote into.
     */
    private static W3Pipeline[] w3(long n, Function<RillW3Pipeline.SumChain[], Consumer> consumer) {
        Job job = new Job("W3Pipeline", new String[] {"events", "key", "sum", "results"});
        BatchChannel[][] keyToSum = job.exchange(2, 2, 1, 2, BatchChannel.LARGE_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
        RillW3Pipeline.EventsChain[] sources = new RillW3Pipeline.EventsChain[2];
        RillW3Pipeline.SumChain[] sums = new RillW3Pipeline.SumChain[2];
        W3Pipeline[] sinks = new W3Pipeline[2];
        for (int s = 0; s < 2; s++) {
            sources[s] = new RillW3Pipeline.EventsChain(job, new W3Pipeline(n), s, keyToSum[s]);
            sinks[s] = new W3Pipeline(n);
            sums[s] = new RillW3Pipeline.SumChain(job, sinks[s], s, Job.column(keyToSum, s));
        }
        Consumer toSums = consumer.apply(sums);
        runSources(n, sources, keyToSum, () -> drain(keyToSum, toSums, null, null));
        return sinks;
    }

    static W2Result w2(long n) {
        Job job = new Job("W2Pipeline", new String[] {"events", "notOrange", "color", "count", "results"});
        BatchChannel[][] colorToCount = job.exchange(2, 2, 1, 0, BatchChannel.LARGE_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
        BatchChannel[][] countToResults = job.exchange(2, 1, 1, 1, BatchChannel.LARGE_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
        RillW2Pipeline.EventsChain[] sources = new RillW2Pipeline.EventsChain[2];
        RillW2Pipeline.CountChain[] counts = new RillW2Pipeline.CountChain[2];
        for (int s = 0; s < 2; s++) {
            sources[s] = new RillW2Pipeline.EventsChain(job, new W2Pipeline(n), s, colorToCount[s]);
            counts[s] = new RillW2Pipeline.CountChain(job, new W2Pipeline(n), s, Job.column(colorToCount, s), countToResults[s]);
        }
        W2Pipeline sink = new W2Pipeline(n);
        RillW2Pipeline.ResultsChain results = new RillW2Pipeline.ResultsChain(job, sink, 0, Job.column(countToResults, 0));
        Consumer toResults = (d, batch) -> results.consume(batch);
        runSources(n, sources, colorToCount,
                () -> drain(colorToCount, (d, batch) -> counts[d].consume(batch), countToResults, toResults));
        for (BatchChannel[] fromCount : countToResults) {
            closeAll(fromCount); // the count chains' end of input, as their threads would close them
        }
        drain(countToResults, toResults, null, null);
        return RillRuns.w2Result(List.of(sink));
    }

    /**
     * Runs each source subtask's index range through its chain, in turn, calling {@code drain}
     * every {@link #DRAIN_EVERY} events; then closes its outputs, as its thread would, and
     * drains once more. One call site for every workload's sources: each JMH fork runs one
     * workload, so the site sees one chain class and the JIT inlines it whole.
     */
    private static void runSources(long n, Emitter<Event>[] sources, BatchChannel[][] outputs, Runnable drain) {
        for (int s = 0; s < sources.length; s++) {
            Emitter<Event> source = sources[s];
            long to = Events.to(n, s, sources.length);
            for (long i = Events.from(n, s, sources.length); i < to; i++) {
                source.emit(Events.event(i));
                if ((i & (DRAIN_EVERY - 1)) == 0) {
                    drain.run();
                }
            }
            closeAll(outputs[s]);
        }
        drain.run();
    }

    private static void closeAll(BatchChannel[] outputs) {
        for (BatchChannel output : outputs) {
            output.close();
        }
    }

    /**
     * Every published batch of every channel to its consumer; after each, if the consumer
     * writes into a next exchange, everything published there to that one's consumer.
     */
    private static void drain(BatchChannel[][] channels, Consumer consumer, BatchChannel[][] next, Consumer nextConsumer) {
        for (BatchChannel[] fromUpstream : channels) {
            for (int d = 0; d < fromUpstream.length; d++) {
                BatchChannel channel = fromUpstream[d];
                Batch batch;
                while ((batch = channel.poll()) != null) {
                    if (batch.size != 0) {
                        consumer.consume(d, batch);
                    }
                    channel.release();
                    if (next != null) {
                        drain(next, nextConsumer, null, null);
                    }
                }
            }
        }
    }
}
