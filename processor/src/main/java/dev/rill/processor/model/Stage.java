package dev.rill.processor.model;

import java.util.List;

/**
 * One annotated method of a pipeline class, as declared. Nothing here is judged yet:
 * validation decides whether it makes sense.
 *
 * @param index position among the pipeline's stages, in source order
 * @param name the method name, which is also the stage's name
 * @param kind what the first stage annotation says it computes
 * @param kinds every stage annotation present (more than one is an error)
 * @param isStatic whether the method is static (called on the class, not the instance)
 * @param isPrivate private methods cannot be called by generated code
 * @param isGeneric generic methods have no single element type
 * @param parameters in declaration order
 * @param returnType {@link TypeRef#VOID} for void
 * @param parallelism the annotation's value; 0 means the pipeline's default
 * @param from names given by {@code @From}, empty when absent
 * @param hasFrom whether {@code @From} is present
 * @param hints every exchange annotation present
 * @param initial {@code @Aggregate(initial = ...)}, empty when absent
 * @param merge {@code @Aggregate(merge = ...)}, empty when absent
 * @param window {@code @Window} beside the stage annotation, or null
 * @param maxOutOfOrderness {@code @EventTime(maxOutOfOrderness)}
 */
public record Stage(
        int index,
        String name,
        StageKind kind,
        List<StageKind> kinds,
        boolean isStatic,
        boolean isPrivate,
        boolean isGeneric,
        List<Parameter> parameters,
        TypeRef returnType,
        int parallelism,
        List<String> from,
        boolean hasFrom,
        List<ExchangeHint> hints,
        String initial,
        String merge,
        WindowSpec window,
        long maxOutOfOrderness) {

    /** Whether this is a keyed stage folding per window. */
    public boolean isWindowed() {
        return window != null && kind.isKeyed();
    }

    /**
     * Whether upstream subtasks pre-aggregate for this stage: a tumbling or sliding windowed
     * {@code @Aggregate} with a {@code merge} method.
     */
    public boolean preAggregates() {
        return kind == StageKind.AGGREGATE && !merge.isEmpty() && window != null && window.size() > 0;
    }

    public ExchangeHint hint() {
        return hints.isEmpty() ? ExchangeHint.NONE : hints.get(0);
    }
}
