package dev.rill.runtime.handwritten;

import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exchange.KeyGroups;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Metrics;
import dev.rill.runtime.exec.SourceSubtask;

/**
 * A source chain written by hand the way the processor will generate one, from outside the
 * runtime's packages: subtask {@code i} of {@code p} emits {@code i, i + p, i + 2p, ...} below
 * {@code limit} (or until cancelled), hash-routed by the number into its output channels as a
 * row of one reference (the boxed number) and one long (the number).
 */
class NumberSource extends SourceSubtask {
    /** Stage index of "numbers" in the test pipeline's stage names. */
    static final int STAGE = 0;

    private final BatchChannel[] out;
    private final long limit;
    private long emitted;

    NumberSource(Job job, int index, int parallelism, BatchChannel[] out, long limit) {
        super(job, "numbers", index, parallelism);
        this.out = out;
        this.limit = limit;
        outputs(out);
    }

    @Override
    protected void execute() {
        try {
            produce();
        } catch (Throwable t) {
            throw failure("numbers", t);
        }
    }

    /** The "user's source method". */
    void produce() throws Exception {
        for (long i = subtaskIndex(); i < limit && !isCancelled(); i += parallelism()) {
            emit(i);
        }
    }

    final void emit(long value) {
        BatchChannel channel = out[KeyGroups.subtask(Long.hashCode(value), KeyGroups.DEFAULT_MAX_PARALLELISM, out.length)];
        Batch b = channel.batch;
        int row = b.size;
        b.refs[row] = value;
        b.longs[row] = value;
        emitted++;
        channel.commit();
    }

    @Override
    protected void reportMetrics(Metrics metrics) {
        metrics.add(STAGE, 0, emitted);
    }
}
