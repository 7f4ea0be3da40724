package dev.rill.processor.model;

import java.util.List;

/**
 * What travels between two stages: one value; after {@code @Aggregate}/{@code @Reduce} the pair
 * {@code (key, value)}, which the next stage takes as two parameters or one {@code Keyed}; after
 * a windowed one the triple {@code (key, value, window)}, taken as three parameters or one
 * {@code Windowed}.
 */
public record ElementType(List<TypeRef> components, Shape shape) {
    public enum Shape {
        VALUE, PAIR, WINDOWED
    }

    public static ElementType value(TypeRef type) {
        return new ElementType(List.of(type), Shape.VALUE);
    }

    public static ElementType pair(TypeRef key, TypeRef value) {
        return new ElementType(List.of(key, value), Shape.PAIR);
    }

    public static ElementType windowed(TypeRef key, TypeRef value, TypeRef window) {
        return new ElementType(List.of(key, value, window), Shape.WINDOWED);
    }

    public boolean isValue() {
        return shape == Shape.VALUE;
    }

    public TypeRef single() {
        return components.get(0);
    }

    @Override
    public String toString() {
        if (isValue()) {
            return components.get(0).toString();
        }
        return "(" + String.join(", ", components.stream().map(TypeRef::toString).toList()) + ")";
    }
}
