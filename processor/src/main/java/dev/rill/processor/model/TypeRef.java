package dev.rill.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * A Java type as the model sees it: its JavaPoet name. Questions only javac can answer
 * (assignability, equality overrides) go through {@link TypeSystem}, which keeps the
 * javac mirror behind each ref, so the model, the planner and the writers stay plain values.
 */
public record TypeRef(TypeName name) {
    public static final TypeRef VOID = new TypeRef(TypeName.VOID);
    public static final TypeRef BOOLEAN = new TypeRef(TypeName.BOOLEAN);

    public boolean isPrimitive() {
        return name.isPrimitive();
    }

    public boolean isVoid() {
        return name.equals(TypeName.VOID);
    }

    /** The type as a user reads it in a message: simple names, {@code List<Integer>} not {@code java.util.List<java.lang.Integer>}. */
    @Override
    public String toString() {
        return PACKAGE_PREFIX.matcher(name.toString()).replaceAll("");
    }

    private static final java.util.regex.Pattern PACKAGE_PREFIX =
            java.util.regex.Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Z])");
}
