package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stage that assigns each element its event time, in milliseconds, and passes the element
 * on unchanged. Shape: {@code long m(T in)}. Each subtask generates watermarks as Flink's
 * bounded-out-of-orderness strategy does: the largest timestamp seen, minus
 * {@link #maxOutOfOrderness()}, minus 1. Watermarks flow through every exchange; the end of a
 * bounded input is a final watermark of {@code Long.MAX_VALUE}.
 *
 * <pre>{@code
 * @EventTime(maxOutOfOrderness = 5_000)
 * public long time(Transaction t) { return t.timestamp(); }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EventTime {
    /** How late, in ms, an element may arrive after a later one and still count in its window. */
    long maxOutOfOrderness() default 0;

    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
