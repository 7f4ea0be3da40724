package dev.rill.processor.model;

import java.util.List;

/** A method of the pipeline class that is not a stage (a candidate {@code initial} or {@code merge} method). */
public record MethodInfo(String name, boolean isStatic, boolean isPrivate, List<TypeRef> parameterTypes,
        TypeRef returnType) {

    public int parameterCount() {
        return parameterTypes.size();
    }
}
