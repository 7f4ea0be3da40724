package dev.rill.runtime.exec;

import dev.rill.runtime.PipelineException;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exchange.WatermarkSource;

import java.util.Arrays;

/**
 * One parallel instance of a chain (fused stages), run on its own thread. Generated code
 * extends {@link SourceSubtask} or {@link ExchangeSubtask}; this class owns what every chain
 * shares: the thread's lifecycle, its channels, failure and metrics.
 *
 * <pre>{@code
 * final class CountChain extends ExchangeSubtask {
 *     CountChain(Job job, int index, int parallelism, BatchChannel[] in, BatchChannel[] out) {
 *         super(job, "count", index, parallelism);
 *         inputs(in);
 *         outputs(out);
 *     }
 *     protected void consume(Batch b) {
 *         for (int r = 0; r < b.size; r++) {
 *             Event e = (Event) b.refs[r * 2 + 1];
 *             try { ... pipeline.count(acc, e) ... } catch (Throwable t) { throw failure("count", e, t); }
 *         }
 *     }
 *     protected void reportMetrics(Metrics m) { m.add(3, countIn, countOut); }
 * }
 * }</pre>
 *
 * <p>{@link #run()}: {@code execute()}; on a normal end, close every output so downstream
 * sees the end of input; on a {@link PipelineException} or any other throwable, fail the job
 * (which stops every other subtask); on {@link Cancellation}, just end. In every case report
 * metrics once and tell the job this thread is done.
 */
public abstract class Subtask implements Runnable, WatermarkSource {
    private static final BatchChannel[] NONE = new BatchChannel[0];

    final Job job;
    final Worker worker;
    private final String name;
    private final int index;
    private final int parallelism;
    BatchChannel[] inputs = NONE;
    BatchChannel[] outputs = NONE;
    /** Per output, the value of {@link #publications} when it last published. */
    private long[] lastPublished = new long[0];
    /** Batches this subtask published over all its outputs. */
    private long publications;
    private boolean flushingSilent;

    /** The event-time watermark of this subtask's input: the minimum over its input channels. */
    long inputWatermark = NO_WATERMARK;
    private Execution execution;
    /** The thread running this subtask; only that thread may write into the outputs. */
    private Thread thread;

    /**
     * @param name the chain's name (its head stage's method name), used in the thread name and
     *     as the stage of unexpected failures
     * @param index this subtask's index, from 0 to {@code parallelism - 1}
     */
    protected Subtask(Job job, String name, int index, int parallelism) {
        if (parallelism < 1 || index < 0 || index >= parallelism) {
            throw new IllegalArgumentException("subtask " + index + " of parallelism " + parallelism);
        }
        this.job = job;
        this.worker = new Worker(job);
        this.name = name;
        this.index = index;
        this.parallelism = parallelism;
    }

    /** Declares channels this subtask consumes; may be called more than once to add more. */
    protected final void inputs(BatchChannel... channels) {
        for (BatchChannel channel : channels) {
            channel.registerConsumer(worker);
        }
        inputs = concat(inputs, channels);
    }

    /**
     * Declares channels this subtask produces into; may be called more than once to add more.
     * They are closed when {@code execute()} returns normally, and flushed when the subtask
     * idles.
     */
    protected final void outputs(BatchChannel... channels) {
        for (BatchChannel channel : channels) {
            channel.registerProducer(worker);
            channel.registerWatermarks(this);
        }
        outputs = concat(outputs, channels);
        lastPublished = Arrays.copyOf(lastPublished, outputs.length);
    }

    /** The chain's work: read the source or the input channels and push rows through the fused stages. */
    protected abstract void execute() throws Exception;

    /**
     * Adds this subtask's counts to {@code metrics}. Called exactly once, on this subtask's
     * thread, after it finished normally, failed or was cancelled.
     */
    protected abstract void reportMetrics(Metrics metrics);

    /**
     * What generated code throws when a stage's user code threw {@code cause} on
     * {@code element}: a {@link PipelineException} naming the stage, this subtask and the
     * element. A {@code PipelineException} or {@link Cancellation} coming from further down the
     * fused chain is returned unchanged, so it travels up through the enclosing stages'
     * handlers untouched and names the stage that really failed.
     *
     * <pre>{@code
     * try { keep = pipeline.notOrange(e); } catch (Throwable t) { throw failure("notOrange", e, t); }
     * }</pre>
     */
    protected final RuntimeException failure(String stage, Object element, Throwable cause) {
        if (cause instanceof PipelineException || cause instanceof Cancellation) {
            return (RuntimeException) cause;
        }
        return new PipelineException(stage, index, PipelineException.describe(element), cause);
    }

    /** {@link #failure(String, Object, Throwable)} for a source, which has no element at hand. */
    protected final RuntimeException failure(String stage, Throwable cause) {
        if (cause instanceof PipelineException || cause instanceof Cancellation) {
            return (RuntimeException) cause;
        }
        return new PipelineException(stage, index, null, cause);
    }

    /**
     * The watermark this subtask's outputs carry: by default its input watermark, passed on;
     * a chain with an {@code @EventTime} stage generates its own instead.
     */
    @Override
    public long currentWatermark() {
        return inputWatermark;
    }

    /**
     * Keeps quiet outputs moving. A channel that gets few rows (a skewed or empty key range
     * behind a hash exchange) would otherwise hold its rows, and carry no watermark, until its
     * batch fills, while busy siblings publish; its consumer's watermark (the minimum over its
     * inputs) would stall and windows pile up. So when an output has not published while its
     * siblings published twice as many batches as there are outputs, it hands over what it
     * has (or just the newer watermark) if a batch is free. Evenly loaded outputs never
     * trigger this; the cost is a short loop per published batch.
     */
    @Override
    public void published(BatchChannel channel) {
        BatchChannel[] outs = outputs;
        if (outs.length < 2 || flushingSilent) {
            return;
        }
        long now = ++publications;
        long quiet = 2L * outs.length;
        flushingSilent = true;
        try {
            for (int i = 0; i < outs.length; i++) {
                if (outs[i] == channel) {
                    lastPublished[i] = now;
                } else if (now - lastPublished[i] > quiet) {
                    lastPublished[i] = now;
                    outs[i].tryFlush();
                }
            }
        } finally {
            flushingSilent = false;
        }
    }

    /** The minimum of the watermarks of this subtask's inputs: what windowed stages fire by. */
    protected final long inputWatermark() {
        return inputWatermark;
    }

    /** This subtask's index, from 0 to {@code parallelism() - 1}. */
    public final int subtaskIndex() {
        return index;
    }

    /** How many subtasks run this chain. */
    public final int parallelism() {
        return parallelism;
    }

    /** The chain's name, as used in the thread name. */
    public final String name() {
        return name;
    }

    /**
     * True once the job is cancelled or failed. A source's loop calls this between elements,
     * which makes it a convenient moment to hand rows over to a consumer that sits idle
     * waiting for them: a source polling an external system may emit one element and then
     * poll for a long time, and that element should not wait for the batch to fill.
     */
    public final boolean isCancelled() {
        if (outputs.length != 0 && Thread.currentThread() == thread) {
            for (BatchChannel output : outputs) {
                output.flushIfConsumerStarving();
            }
        }
        return job.isCancelled();
    }

    /** Publishes every output's partial batch that can be published without waiting. */
    final void flushOutputs() {
        for (BatchChannel output : outputs) {
            output.tryFlush();
        }
    }

    /** Binds this subtask to its run and thread, before the thread starts. */
    final void attach(Execution execution, Thread thread) {
        this.execution = execution;
        this.thread = thread;
    }

    @Override
    public final void run() {
        try {
            execute();
            if (!job.isCancelled()) {
                for (BatchChannel output : outputs) {
                    output.close();
                }
            }
        } catch (Cancellation stop) {
            if (!job.isCancelled()) {
                job.fail(new PipelineException(name, index, null,
                        new IllegalStateException("Cancellation thrown while the job was running")));
            }
        } catch (PipelineException failure) {
            job.fail(failure);
        } catch (Throwable unexpected) {
            job.fail(new PipelineException(name, index, null, unexpected));
        } finally {
            try {
                reportMetrics(job.metrics());
            } catch (Throwable broken) {
                job.fail(new PipelineException(name, index, null, broken));
            }
            if (execution != null) {
                execution.subtaskEnded();
            }
        }
    }

    private static BatchChannel[] concat(BatchChannel[] a, BatchChannel[] b) {
        if (a.length == 0) {
            return b.clone();
        }
        BatchChannel[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public String toString() {
        return name + "-" + index;
    }
}
