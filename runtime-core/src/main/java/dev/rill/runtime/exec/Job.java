package dev.rill.runtime.exec;

import dev.rill.runtime.PipelineException;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.exchange.BatchChannel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a pipeline: its subtasks, the channels between them, and how the run ends. The
 * generated {@code run()} and {@code start()} build one like this:
 *
 * <pre>{@code
 * Job job = new Job("ColorCount", new String[] {"events", "notOrange", "color", "count", "results"});
 * BatchChannel[][] byColor = job.exchange(2, 2, 2, 0);          // hash exchange, (key, element) rows
 * for (int i = 0; i < 2; i++) job.add(new EventsChain(job, i, 2, pipeline, byColor[i]));
 * for (int i = 0; i < 2; i++) job.add(new CountChain(job, i, 2, pipeline, Job.column(byColor, i)));
 * return job.run();
 * }</pre>
 *
 * <p>How a run ends (SPEC section 3):
 * <ul>
 *   <li>Normally, once every subtask returned: every source returned and every element reached
 *       its sinks. {@code await()} returns the {@link PipelineResult}.</li>
 *   <li>By failure: the first {@link PipelineException} wins; the job then cancels every
 *       subtask, and {@code await()} throws that exception once all threads have ended.</li>
 *   <li>By {@link #cancel()}: sources see {@link #isCancelled()}, every waiting thread wakes
 *       and unwinds, and {@code await()} returns normally with {@code cancelled()} true.
 *       Failures after the cancel (say, user code reacting to the interrupt) are ignored.</li>
 * </ul>
 * Whichever of these comes first decides the outcome; one atomic reference records it.
 */
public final class Job {
    /** Outcome marker: cancelled through {@link #cancel()}. */
    private static final Object CANCELLED = new Object();
    /** Outcome marker: every subtask ended with nothing going wrong; later cancels are moot. */
    private static final Object COMPLETED = new Object();

    private final String pipelineName;
    private final String[] stageNames;
    private final Metrics metrics;
    private final List<Subtask> subtasks = new ArrayList<>();
    private final List<BatchChannel> channels = new ArrayList<>();
    /** Every thread's waiting spot, so a cancel can unpark each one. */
    private final List<Worker> workers = new ArrayList<>();
    /** null while undecided, then CANCELLED, COMPLETED or the winning PipelineException. */
    private final AtomicReference<Object> outcome = new AtomicReference<>();
    /** The fast flag every wait and every source loop reads. */
    private volatile boolean cancelled;
    private volatile Execution execution;

    /**
     * @param pipelineName the pipeline's simple class name, used in thread names
     * @param stageNames every stage's method name in declaration order; a stage's position in
     *     this array is its index for {@link Metrics#add}
     */
    public Job(String pipelineName, String[] stageNames) {
        this.pipelineName = pipelineName;
        this.stageNames = stageNames.clone();
        this.metrics = new Metrics(stageNames.length);
    }

    /**
     * Channels for one exchange, {@code channels[upstream][downstream]}, one per pair of
     * subtasks so each channel has a single producer and a single consumer. Default batch and
     * ring sizes.
     *
     * @param refWidth reference slots per row (for example 2 for a key and an element)
     * @param longWidth {@code long} slots per row (for example 1 for an unboxed accumulator)
     */
    public BatchChannel[][] exchange(int upstreamParallelism, int downstreamParallelism, int refWidth, int longWidth) {
        return exchange(upstreamParallelism, downstreamParallelism, refWidth, longWidth,
                BatchChannel.DEFAULT_BATCH_ROWS, BatchChannel.DEFAULT_RING_BATCHES);
    }

    /** {@link #exchange(int, int, int, int)} with explicit batch and ring sizes. */
    public BatchChannel[][] exchange(int upstreamParallelism, int downstreamParallelism, int refWidth, int longWidth,
                                     int batchRows, int ringBatches) {
        if (upstreamParallelism < 1 || downstreamParallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: "
                    + upstreamParallelism + " -> " + downstreamParallelism);
        }
        BatchChannel[][] exchange = new BatchChannel[upstreamParallelism][downstreamParallelism];
        synchronized (this) {
            requireNotStarted();
            for (BatchChannel[] row : exchange) {
                for (int d = 0; d < downstreamParallelism; d++) {
                    row[d] = new BatchChannel(batchRows, ringBatches, refWidth, longWidth);
                    channels.add(row[d]);
                }
            }
        }
        return exchange;
    }

    /** The inputs of one downstream subtask: {@code exchange[u][downstream]} for every upstream {@code u}. */
    public static BatchChannel[] column(BatchChannel[][] exchange, int downstream) {
        BatchChannel[] column = new BatchChannel[exchange.length];
        for (int u = 0; u < exchange.length; u++) {
            column[u] = exchange[u][downstream];
        }
        return column;
    }

    /** Adds a subtask; it gets its own thread at {@link #start()}. */
    public synchronized void add(Subtask subtask) {
        requireNotStarted();
        if (subtask.job != this) {
            throw new IllegalArgumentException("subtask " + subtask + " belongs to another job");
        }
        if (subtasks.contains(subtask)) {
            throw new IllegalArgumentException("subtask " + subtask + " added twice: it would run on two threads");
        }
        subtasks.add(subtask);
    }

    /**
     * Starts one thread per subtask, named {@code rill-<pipeline>-<subtask name>-<index>}.
     * The threads are not daemons: like an {@code ExecutorService}, a started pipeline keeps
     * the JVM alive until it ends or is cancelled, so an unbounded pipeline started from
     * {@code main} keeps running after {@code main} returns, and a bounded one is never cut
     * off halfway by JVM exit.
     *
     * @throws IllegalStateException if already started, or an exchange channel lacks a producer
     *     or a consumer (it would stall the run)
     */
    public RunningPipeline start() {
        Execution started;
        synchronized (this) {
            requireNotStarted();
            for (BatchChannel channel : channels) {
                if (!channel.isWired()) {
                    throw new IllegalStateException("pipeline " + pipelineName
                            + ": an exchange channel has no producer or no consumer subtask");
                }
            }
            started = new Execution(this, pipelineName, subtasks);
            execution = started; // before any thread runs, so a failing subtask can stop the others
        }
        started.startThreads();
        if (cancelled) {
            started.interruptAll(); // cancel() raced with start() and found no threads yet
        }
        return started;
    }

    /**
     * Starts the pipeline and waits for it to end. If the calling thread is interrupted while
     * waiting, the pipeline is cancelled, this waits until all its threads have stopped,
     * restores the interrupt flag and returns the cancelled result.
     *
     * @throws PipelineException if user code failed
     */
    public PipelineResult run() {
        RunningPipeline running = start();
        try {
            return running.await();
        } catch (InterruptedException e) {
            cancel();
            try {
                return awaitUninterruptibly(running);
            } finally {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static PipelineResult awaitUninterruptibly(RunningPipeline running) {
        while (true) {
            try {
                return running.await();
            } catch (InterruptedException again) {
                // The flag is restored by the caller; the threads are already told to stop.
            }
        }
    }

    /** True once the run is cancelled or has failed: sources should return, waits end. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Stops the run: sources see {@link #isCancelled()}, waiting threads wake and unwind,
     * threads are interrupted so that user code sleeping in a source wakes up. Returns at
     * once. Does nothing if the run already ended or failed.
     */
    public void cancel() {
        if (outcome.compareAndSet(null, CANCELLED)) {
            stopAll();
        }
    }

    /** Records a failure; the first one stops the run, later ones (and any after a cancel) are dropped. */
    void fail(PipelineException failure) {
        if (outcome.compareAndSet(null, failure)) {
            stopAll();
        }
    }

    /** Called by the last subtask to end: from now on nothing can change the outcome. */
    void completed() {
        outcome.compareAndSet(null, COMPLETED);
    }

    /** Called by each {@link Worker} as it is created. */
    synchronized void register(Worker worker) {
        workers.add(worker);
    }

    private void stopAll() {
        cancelled = true;
        Worker[] waiting;
        synchronized (this) {
            waiting = workers.toArray(new Worker[0]);
        }
        for (Worker worker : waiting) {
            worker.cancelled();
        }
        Execution running = execution;
        if (running != null) {
            running.interruptAll();
        }
    }

    Metrics metrics() {
        return metrics;
    }

    /**
     * The result after every thread ended.
     *
     * @throws PipelineException if the run failed
     */
    PipelineResult result(Duration wallTime) {
        Object end = outcome.get();
        if (end instanceof PipelineException) {
            throw (PipelineException) end;
        }
        return new PipelineResult(metrics.stages(stageNames), wallTime, metrics.lateElements(), end == CANCELLED);
    }

    private void requireNotStarted() {
        if (execution != null) {
            throw new IllegalStateException("pipeline " + pipelineName + " already started");
        }
    }

    @Override
    public String toString() {
        return "Job[" + pipelineName + ", " + subtasks.size() + " subtasks]";
    }
}
