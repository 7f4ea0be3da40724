package dev.rill.runtime;

/**
 * A pipeline started with {@code start()}: its subtasks run on their own threads.
 *
 * <pre>{@code
 * RunningPipeline job = RillClicks.create(() -> new Clicks(results)).start();
 * ...
 * job.cancel();
 * PipelineResult result = job.await();
 * }</pre>
 */
public interface RunningPipeline {
    /**
     * Stops the sources and drains nothing further. Returns at once; {@link #await()} then
     * returns normally once every thread has stopped.
     */
    void cancel();

    /**
     * Waits until every subtask has finished: the bounded input is fully processed, or the
     * pipeline was cancelled. No thread of the pipeline is alive when this returns or throws.
     *
     * @throws PipelineException if user code threw; its cause is the user's exception
     * @throws InterruptedException if the waiting thread is interrupted (the pipeline keeps running)
     */
    PipelineResult await() throws InterruptedException;
}
