package dev.rill.runtime;

/**
 * The pair an {@code @Aggregate} or {@code @Reduce} stage emits: a key and its current
 * accumulated value. Generated code builds one only for a stage that asks for it; a stage
 * may take the two components as two parameters instead, which never boxes them.
 *
 * <pre>{@code
 * @Sink
 * public void results(Keyed<String, Long> count) { totals.put(count.key(), count.value()); }
 * }</pre>
 *
 * @param key the key
 * @param value the value accumulated for the key
 */
public record Keyed<K, V>(K key, V value) {
}
