package dev.rill.processor.model;

import java.util.List;

/**
 * A record that crosses exchanges as its components instead of as a reference: the producer
 * writes each accessor's value into the batch row, the consumer rebuilds the record with its
 * canonical constructor. {@link java.lang.Record}'s contract ({@code new R(r.c1(), ..., r.cn())}
 * equals {@code r}) makes the copy equal to the original, as Java serialization relies on; what
 * it buys is that an element made by a source or transform is never allocated: the JIT
 * scalar-replaces the record on both sides of the exchange.
 *
 * @param components in declaration order, the canonical constructor's parameter order
 * @param implicitConstructor the canonical constructor is the one Java implies (not declared,
 *     not even compactly), so building the record runs no code of the user's: it may then be
 *     rebuilt with placeholder values for components nobody reads
 */
public record RecordShape(List<Component> components, boolean implicitConstructor) {
    /**
     * One record component: its accessor's name and its type.
     *
     * @param implicitAccessor the accessor is the one Java implies, which returns the component
     *     and reads nothing else
     */
    public record Component(String accessor, TypeRef type, boolean implicitAccessor) {
    }

    /** The component whose implicit accessor is named {@code name}, or null. */
    public Component implicitAccessor(String name) {
        for (Component c : components) {
            if (c.accessor().equals(name) && c.implicitAccessor()) {
                return c;
            }
        }
        return null;
    }
}
