package dev.rill.runtime;

/**
 * What a {@code @Source} method knows about the subtask running it.
 *
 * <pre>{@code
 * @Source
 * public void events(SourceContext ctx, Emitter<Event> out) {
 *     for (long i = ctx.subtaskIndex(); !ctx.isCancelled(); i += ctx.parallelism()) {
 *         out.emit(event(i));
 *     }
 * }
 * }</pre>
 */
public interface SourceContext {
    /** This subtask's index, from 0 to {@code parallelism() - 1}. */
    int subtaskIndex();

    /** How many subtasks run this source. */
    int parallelism();

    /** True once the pipeline is cancelled or failed: an unbounded source should return. */
    boolean isCancelled();
}
