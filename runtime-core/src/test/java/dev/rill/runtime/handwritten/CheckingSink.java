package dev.rill.runtime.handwritten;

import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exchange.KeyGroups;
import dev.rill.runtime.exec.ExchangeSubtask;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Metrics;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink chain written by hand like a generated one: reads the rows {@link NumberSource}
 * writes and checks them (each number once, in order per source subtask, routed to the
 * subtask owning its key group). Fails, like user code would, on the number {@code failOn}.
 */
class CheckingSink extends ExchangeSubtask {
    static final int STAGE = 1;

    private final int sources;
    private final long failOn;
    final BitSet seen = new BitSet();
    final long[] lastPerSource;
    long received;
    long duplicates;
    long outOfOrder;
    long misrouted;
    long refMismatches;
    boolean endOfInputCalled;
    /** What the "user code" threw, to compare with the PipelineException's cause. */
    volatile RuntimeException thrown;
    /** Readable while running, unlike the plain counters. */
    final AtomicLong progress = new AtomicLong();

    CheckingSink(Job job, int index, int parallelism, BatchChannel[] in, int sources, long failOn) {
        super(job, "sink", index, parallelism);
        this.sources = sources;
        this.failOn = failOn;
        this.lastPerSource = new long[sources];
        Arrays.fill(lastPerSource, -1);
        inputs(in);
    }

    @Override
    protected void consume(Batch batch) {
        for (int row = 0; row < batch.size; row++) {
            Object element = batch.refs[row];
            long value = batch.longs[row];
            try {
                accept(element, value);
            } catch (Throwable t) {
                throw failure("sink", element, t);
            }
        }
        progress.addAndGet(batch.size);
    }

    /** The "user's sink method". */
    private void accept(Object element, long value) {
        if (value == failOn) {
            RuntimeException boom = new IllegalStateException("cannot take " + value);
            thrown = boom;
            throw boom;
        }
        received++;
        if (!(element instanceof Long) || (Long) element != value) {
            refMismatches++;
        }
        if (KeyGroups.subtask(Long.hashCode(value), KeyGroups.DEFAULT_MAX_PARALLELISM, parallelism()) != subtaskIndex()) {
            misrouted++;
        }
        if (value < Integer.MAX_VALUE) {
            if (seen.get((int) value)) {
                duplicates++;
            }
            seen.set((int) value);
        }
        int source = (int) (value % sources);
        if (value <= lastPerSource[source]) {
            outOfOrder++;
        }
        lastPerSource[source] = value;
    }

    @Override
    protected void endOfInput() {
        endOfInputCalled = true;
    }

    @Override
    protected void reportMetrics(Metrics metrics) {
        metrics.add(STAGE, received, 0);
    }
}
