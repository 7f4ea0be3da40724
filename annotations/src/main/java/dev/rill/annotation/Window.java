package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an {@link Aggregate} or {@link Reduce} fold per key and event-time window, and emit
 * once per key and window when the window fires, instead of after every element. {@code size}
 * alone is a tumbling window, {@code size} and {@code slide} a sliding one, {@code gap} alone a
 * session window (all in ms). Windows are half-open {@code [start, end)}, aligned to epoch 0,
 * and fire when the stage's watermark reaches {@code end - 1}; an element whose windows have
 * all fired is late: dropped and counted in {@code PipelineResult.lateElements()}.
 *
 * <p>The next stage takes {@code (K key, A value, TimeWindow window)} or one
 * {@code Windowed<K, A>}. An {@link EventTime} stage must come before.
 *
 * <pre>{@code
 * @Aggregate @Window(size = 1_000)
 * public long count(long count, Event e) { return count + 1; }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Window {
    /** The window length in ms, for tumbling and sliding windows. */
    long size() default 0;

    /** How far apart sliding windows start, in ms; 0 means tumbling. At most {@code size}. */
    long slide() default 0;

    /** For session windows: the inactivity in ms that closes a key's session. */
    long gap() default 0;
}
