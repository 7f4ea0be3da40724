package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Hash-partitions the stream by the returned key: every element of one key reaches the same
 * subtask of the next stage, which is keyed. Shape: {@code K m(T in)}, where {@code K} is a
 * primitive or a type with value {@code equals}/{@code hashCode} (never an array).
 *
 * <p>A key-by runs inside its upstream's chain, so it has no parallelism of its own.
 *
 * <pre>{@code
 * @KeyBy
 * public String color(Event e) { return e.color(); }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface KeyBy {
}
