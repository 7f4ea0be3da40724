package dev.rill.processor.model;

/** What a stage computes; one per stage annotation. */
public enum StageKind {
    SOURCE("Source", "source"),
    FILTER("Filter", "filter"),
    TRANSFORM("Transform", "transform"),
    FLAT_MAP("FlatMap", "flat map"),
    KEY_BY("KeyBy", "key by"),
    EVENT_TIME("EventTime", "event time"),
    AGGREGATE("Aggregate", "aggregate"),
    REDUCE("Reduce", "reduce"),
    SINK("Sink", "sink");

    private final String annotation;
    private final String label;

    StageKind(String annotation, String label) {
        this.annotation = annotation;
        this.label = label;
    }

    /** The annotation's simple name, e.g. {@code KeyBy}. */
    public String annotation() {
        return annotation;
    }

    /** How plans and messages call it, e.g. {@code key by}. */
    public String label() {
        return label;
    }

    public boolean isKeyed() {
        return this == AGGREGATE || this == REDUCE;
    }

    public boolean emits() {
        return this != SINK;
    }

    public boolean hasParallelism() {
        return this != KEY_BY;
    }

    public static StageKind forAnnotation(String simpleName) {
        for (StageKind kind : values()) {
            if (kind.annotation.equals(simpleName)) {
                return kind;
            }
        }
        return null;
    }
}
