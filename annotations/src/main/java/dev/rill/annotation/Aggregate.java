package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A keyed running fold; must read from a {@link KeyBy}. Shape: {@code A m(A acc, T in)}. The
 * state of a key starts at {@code A}'s zero ({@code 0}, {@code false}, {@code null}), or at
 * the value of the no-argument method named by {@link #initial()}. After every element the
 * stage emits the pair {@code (key, acc)}, which the next stage takes as two parameters
 * {@code (K key, A value)} or one {@code Keyed<K, A>}.
 *
 * <pre>{@code
 * @Aggregate
 * public long count(long count, Event e) { return count + 1; }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Aggregate {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;

    /** The name of a no-argument method (static or instance) giving a new key's state. */
    String initial() default "";
}
