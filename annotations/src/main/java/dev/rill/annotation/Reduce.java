package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A keyed running reduce; must read from a {@link KeyBy}. Shape: {@code T m(T acc, T in)}. The
 * first element of a key is its initial value. After every element the stage emits the pair
 * {@code (key, acc)}.
 *
 * <pre>{@code
 * @Reduce
 * public Trade largest(Trade a, Trade b) { return a.size() >= b.size() ? a : b; }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Reduce {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
