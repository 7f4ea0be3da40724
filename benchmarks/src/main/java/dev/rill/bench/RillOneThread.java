package dev.rill.bench;

import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exec.Job;

/**
 * W3's generated code, all four subtasks of its plan, driven on the calling thread: the two
 * source chains' {@code emit} and the two keyed chains' {@code consume}, through the same
 * channels, batches, key groups, keyed state and sinks as {@link RillRuns#w3}, but with no
 * thread, no wait and no row crossing to another core. What it measures is the work Rill does
 * per event. On a machine with {@code c} cores no thread layout can run W3 faster than
 * {@code c} times this rate, so set beside the plain loop it bounds what any scheduling of
 * Rill's W3 can reach (W3Bench.rillOneThread; the README's Performance section has the figures).
 *
 * <p>Each source emits its own index range in turn, as the source method would; every 4,096
 * events the keyed chains consume what has been published, so no ring fills (a full ring
 * would wait for a consumer that runs on this very thread). The generated classes are
 * package-private in this package, which is what lets a driver reach them.
 */
final class RillOneThread {
    private static final int DRAIN_EVERY = 4096;

    private RillOneThread() {
    }

    static W3Result w3(long n) {
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
        for (int s = 0; s < 2; s++) {
            RillW3Pipeline.EventsChain source = sources[s];
            long to = Events.to(n, s, 2);
            for (long i = Events.from(n, s, 2); i < to; i++) {
                source.emit(Events.event(i));
                if ((i & (DRAIN_EVERY - 1)) == 0) {
                    drain(keyToSum, sums);
                }
            }
            keyToSum[s][0].close();
            keyToSum[s][1].close();
        }
        drain(keyToSum, sums);
        return RillRuns.w3Result(java.util.List.of(sinks[0], sinks[1]));
    }

    /** Every published batch of every channel, to its keyed chain. */
    private static void drain(BatchChannel[][] channels, RillW3Pipeline.SumChain[] sums) {
        for (BatchChannel[] fromSource : channels) {
            for (int d = 0; d < fromSource.length; d++) {
                BatchChannel channel = fromSource[d];
                Batch batch;
                while ((batch = channel.poll()) != null) {
                    if (batch.size != 0) {
                        sums[d].consume(batch);
                    }
                    channel.release();
                }
            }
        }
    }
}
