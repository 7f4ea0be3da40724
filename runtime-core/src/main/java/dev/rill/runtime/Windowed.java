package dev.rill.runtime;

/**
 * What a windowed {@code @Aggregate} or {@code @Reduce} emits when a window fires: the key,
 * its accumulated value in that window, and the window. A stage may take the three as
 * parameters {@code (K key, A value, TimeWindow window)} instead, which never boxes them.
 *
 * <pre>{@code
 * @Sink
 * public void results(Windowed<String, Long> count) { ... count.window().start() ... }
 * }</pre>
 */
public record Windowed<K, V>(K key, V value, TimeWindow window) {
}
