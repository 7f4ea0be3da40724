package dev.rill.processor.model;

/**
 * The type questions validation asks. Implemented over javac's {@code Types} by
 * {@link JavacTypeSystem}; rules depend only on this interface.
 */
public interface TypeSystem {
    /** Whether a value of {@code from} may be passed to a parameter of type {@code to} (JLS method invocation context). */
    boolean isAssignable(TypeRef from, TypeRef to);

    boolean isSameType(TypeRef a, TypeRef b);

    boolean isArray(TypeRef type);

    /** True for primitives and for types whose class (or a superclass other than Object) declares both equals and hashCode, or records and enums. */
    boolean hasValueEquality(TypeRef type);

    /** Whether {@code new Keyed<>(key, value)} may be passed to a parameter of type {@code keyedParameter}. */
    boolean acceptsKeyed(TypeRef keyedParameter, TypeRef key, TypeRef value);

    /** Whether {@code new Windowed<>(key, value, window)} may be passed to a parameter of type {@code windowedParameter}. */
    boolean acceptsWindowed(TypeRef windowedParameter, TypeRef key, TypeRef value);

    /** Whether generated code in the pipeline's package can name this type (no private types). */
    boolean isAccessible(TypeRef type);
}
