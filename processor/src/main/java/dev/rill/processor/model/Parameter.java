package dev.rill.processor.model;

/**
 * One parameter of a stage method, with the role its declared type gives it.
 *
 * @param type the declared type
 * @param role what Rill passes there
 * @param typeArguments for {@link Role#EMITTER} the element type (null if it is a wildcard or raw);
 *     for {@link Role#KEYED} nothing (the whole type is checked through {@link TypeSystem#acceptsKeyed})
 * @param use how the method's body uses the parameter; {@link ParameterUse#WHOLE} unless it is
 *     an element the body can be seen to read only through no-argument calls
 */
public record Parameter(String name, TypeRef type, Role role, TypeRef emitted, ParameterUse use) {
    public enum Role {
        /** An element (or a component of one). */
        VALUE,
        /** {@code Emitter<R>}: where a source or flat map puts its output. */
        EMITTER,
        /** {@code SourceContext}. */
        SOURCE_CONTEXT,
        /** {@code Keyed<K, V>}: a (key, value) pair as one record. */
        KEYED,
        /** {@code Windowed<K, V>}: a (key, value, window) triple as one record. */
        WINDOWED
    }
}
