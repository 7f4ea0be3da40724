package dev.rill.processor.model;

/** A method of the pipeline class that is not a stage (a candidate {@code initial} method). */
public record MethodInfo(String name, boolean isStatic, boolean isPrivate, int parameterCount, TypeRef returnType) {
}
