package dev.rill.processor.model;

import java.util.List;

/**
 * What travels between two stages: one value, or after {@code @Aggregate}/{@code @Reduce} the
 * pair {@code (key, value)}, which the next stage takes as two parameters or one {@code Keyed}.
 */
public record ElementType(List<TypeRef> components, boolean isPair) {

    public static ElementType value(TypeRef type) {
        return new ElementType(List.of(type), false);
    }

    public static ElementType pair(TypeRef key, TypeRef value) {
        return new ElementType(List.of(key, value), true);
    }

    public TypeRef single() {
        return components.get(0);
    }

    @Override
    public String toString() {
        return isPair ? "(" + components.get(0) + ", " + components.get(1) + ")" : components.get(0).toString();
    }
}
