package dev.rill.runtime;

/**
 * Where a stage puts the elements it produces. A {@code @Source} or {@code @FlatMap} method
 * receives one; in generated code it is the fused chain itself, so {@code emit} is a direct
 * call into the next stage.
 *
 * <pre>{@code
 * @FlatMap
 * public void words(String line, Emitter<String> out) {
 *     for (String w : line.split(" ")) out.emit(w);
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Emitter<T> {
    /** Hands {@code element} to the next stage. May block while a downstream exchange is full. */
    void emit(T element);
}
