package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stage that emits elements. Shape: {@code void m(Emitter<R> out)} or
 * {@code void m(SourceContext ctx, Emitter<R> out)}. Returning ends this subtask's input
 * (a bounded source); an unbounded source loops until {@code ctx.isCancelled()}.
 *
 * <pre>{@code
 * @Source
 * public void events(SourceContext ctx, Emitter<Event> out) {
 *     for (long i = ctx.subtaskIndex(); i < 1_000; i += ctx.parallelism()) out.emit(event(i));
 * }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Source {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
