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

    /**
     * The name of a method {@code A m(A a, A b)} (static or instance) that combines two
     * accumulators of one key and window into the accumulator of both inputs together, as
     * Flink's {@code AggregateFunction.merge} does. With a tumbling or sliding {@link Window},
     * it lets each upstream subtask fold its own elements per key and window before the hash
     * exchange and send one partial accumulator per key and window when its watermark passes
     * the window's end; the windowed stage merges the partials. Only a few rows per window
     * cross threads then, however skewed the keys. The result is the same when folding the
     * elements in two parts and merging equals folding them all ({@code count + 1} merges by
     * {@code a + b}); each part starts from the initial value, so that must be neutral for the
     * merge ({@code 0} for a sum). Ignored, with a warning, without such a window.
     *
     * <pre>{@code
     * @Aggregate(merge = "sum") @Window(size = 1_000)
     * public long count(long count, Event e) { return count + 1; }
     * static long sum(long a, long b) { return a + b; }
     * }</pre>
     */
    String merge() default "";
}
