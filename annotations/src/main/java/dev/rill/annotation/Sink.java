package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Consumes elements. Shape: {@code void m(T in)}, or {@code void m(K key, A value)} /
 * {@code void m(Keyed<K, A> in)} after an {@link Aggregate} or {@link Reduce}.
 *
 * <pre>{@code
 * @Sink(parallelism = 1)
 * public void results(String color, long count) { System.out.println(color + " " + count); }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Sink {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
