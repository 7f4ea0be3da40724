package dev.rill.runtime.exec;

import dev.rill.runtime.SourceContext;

/**
 * A chain headed by a {@code @Source}: its generated {@code execute()} calls the user's source
 * method with this subtask as the {@link SourceContext} and the fused chain as the
 * {@code Emitter}. When the source method returns, the subtask's outputs are closed: that is
 * the end of input for everything downstream.
 *
 * <pre>{@code
 * final class EventsChain extends SourceSubtask implements Emitter<Event> {
 *     protected void execute() {
 *         try { pipeline.events(this, this); } catch (Throwable t) { throw failure("events", t); }
 *     }
 *     public void emit(Event e) { ... fused stages, then a row into an output channel ... }
 * }
 * }</pre>
 *
 * {@link #subtaskIndex()}, {@link #parallelism()} and {@link #isCancelled()} come from
 * {@link Subtask}.
 */
public abstract class SourceSubtask extends Subtask implements SourceContext {
    protected SourceSubtask(Job job, String name, int index, int parallelism) {
        super(job, name, index, parallelism);
    }
}
