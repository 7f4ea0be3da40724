package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Zero or more elements out for each one in. Shape: {@code void m(T in, Emitter<R> out)}.
 *
 * <pre>{@code
 * @FlatMap
 * public void words(String line, Emitter<String> out) {
 *     for (String w : line.split(" ")) out.emit(w);
 * }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FlatMap {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
