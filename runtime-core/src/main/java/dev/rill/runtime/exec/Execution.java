package dev.rill.runtime.exec;

import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A started {@link Job}: its threads, and the clock of the run. Kept apart from Job so that
 * what a user holds ({@link RunningPipeline}) offers only {@code cancel} and {@code await}.
 */
final class Execution implements RunningPipeline {
    private final Job job;
    private final Thread[] threads;
    private final AtomicInteger running;
    private volatile long startNanos;
    /** Written by the last subtask to end; read after joining every thread. */
    private volatile long endNanos;

    Execution(Job job, String pipelineName, List<Subtask> subtasks) {
        this.job = job;
        this.threads = new Thread[subtasks.size()];
        this.running = new AtomicInteger(subtasks.size());
        for (int i = 0; i < threads.length; i++) {
            Subtask subtask = subtasks.get(i);
            Thread thread = new Thread(subtask,
                    "rill-" + pipelineName + "-" + subtask.name() + "-" + subtask.subtaskIndex());
            thread.setDaemon(false); // see Job.start(): a running pipeline keeps the JVM alive
            subtask.attach(this, thread);
            threads[i] = thread;
        }
    }

    void startThreads() {
        startNanos = System.nanoTime();
        if (threads.length == 0) {
            endNanos = startNanos;
            job.completed();
        }
        for (Thread thread : threads) {
            thread.start();
        }
    }

    /** Called by each subtask's thread as its very last action. */
    void subtaskEnded() {
        if (running.decrementAndGet() == 0) {
            endNanos = System.nanoTime();
            job.completed();
        }
    }

    /**
     * Wakes every thread so it notices the cancel: unpark for threads parked in a channel
     * wait, interrupt for user code sleeping or blocked in a source. The calling thread is
     * skipped: it is the failing subtask, already unwinding.
     */
    void interruptAll() {
        Thread self = Thread.currentThread();
        for (Thread thread : threads) {
            if (thread != self) {
                LockSupport.unpark(thread);
                thread.interrupt();
            }
        }
    }

    @Override
    public void cancel() {
        job.cancel();
    }

    @Override
    public PipelineResult await() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
        return job.result(Duration.ofNanos(endNanos - startNanos));
    }
}
