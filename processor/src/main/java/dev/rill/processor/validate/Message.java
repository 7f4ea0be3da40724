package dev.rill.processor.validate;

import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic Rill reports: a stable tag users can search for, a kind and a format
 * string that says what is wrong and what would be right. One negative test per entry.
 */
public enum Message {
    PIPELINE_ABSTRACT("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is abstract: Rill creates one instance per subtask from the factory; remove 'abstract'"),
    PIPELINE_GENERIC("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is generic: stage element types must be known at compile time; remove the type parameters"),
    PIPELINE_PRIVATE("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is private: the generated class %s must call it; make it package-private or public"),
    PIPELINE_INNER("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is an inner class: make it a static nested class or a top-level class"),
    PIPELINE_PARALLELISM("Parallelism", Kind.ERROR,
            "@Pipeline(parallelism = %d) on %s must be at least 1"),
    MAX_PARALLELISM("Parallelism", Kind.ERROR,
            "@Pipeline(maxParallelism = %d) on %s must be at least the largest stage parallelism, %d"),
    STAGE_PARALLELISM("Parallelism", Kind.ERROR,
            "parallelism = %d on %s must be 0 (the pipeline's default) or more"),
    NO_SOURCE("NoSource", Kind.ERROR,
            "pipeline %s has no @Source: add a method annotated @Source that emits its input"),
    NO_SINK("NoSink", Kind.ERROR,
            "pipeline %s has no @Sink: add a method annotated @Sink that consumes its output"),
    STAGE_PRIVATE("StageShape", Kind.ERROR,
            "stage %s is private: the generated class calls it; make it package-private, protected or public"),
    STAGE_GENERIC("StageShape", Kind.ERROR,
            "stage %s is generic: a stage has one element type; remove its type parameters"),
    TWO_STAGE_ANNOTATIONS("StageShape", Kind.ERROR,
            "stage %s has both @%s and @%s: a method is one stage; split it into two methods"),
    DUPLICATE_STAGE("StageShape", Kind.ERROR,
            "two stage methods are named %s: stages are named after their methods; rename one"),
    STAGE_SHAPE("StageShape", Kind.ERROR,
            "@%s %s has the wrong shape: %s; expected %s"),
    FROM_UNKNOWN("From", Kind.ERROR,
            "@From(\"%s\") on %s names no stage; the stages are %s"),
    FROM_ON_SOURCE("From", Kind.ERROR,
            "@Source %s cannot have @From: a source reads nothing"),
    FROM_CYCLE("From", Kind.ERROR,
            "%s reads from itself through %s: stages must form a graph without cycles"),
    READS_SINK("Wiring", Kind.ERROR,
            "%s reads from @Sink %s, which emits nothing: add @From naming the stage it should read"),
    NO_UPSTREAM("Wiring", Kind.ERROR,
            "%s has no stage above it to read from: declare a @Source before it or add @From"),
    DANGLING("Wiring", Kind.ERROR,
            "the output of %s is read by no stage: add a stage after it (a @Sink, say) or remove it"),
    KEY_BY_NO_READER("Wiring", Kind.ERROR,
            "@KeyBy %s has no stage after it: follow it with the keyed stage, e.g. @Aggregate or @Reduce"),
    KEYED_WITHOUT_KEY_BY("Wiring", Kind.ERROR,
            "@%s %s must read from exactly one @KeyBy stage, but reads %s: add a @KeyBy before it"),
    KEY_BY_AFTER_KEY_BY("Wiring", Kind.ERROR,
            "@KeyBy %s reads from @KeyBy %s: key the stream once; remove one of them"),
    UNION_TYPES("TypeMismatch", Kind.ERROR,
            "%s reads the union of %s, which emit different types (%s): all inputs of a union must emit one type"),
    TYPE_MISMATCH("TypeMismatch", Kind.ERROR,
            "%s(%s) cannot read the output of %s, which emits %s: change the parameter to %s or add a @Transform between them"),
    PAIR_MISMATCH("TypeMismatch", Kind.ERROR,
            "%s cannot read the output of %s, which emits the pair %s: take (%s key, %s value) or one Keyed<%s, %s>"),
    VALUE_AS_PAIR("TypeMismatch", Kind.ERROR,
            "%s takes %d element parameters but %s emits one %s: take (%s element)"),
    ACCUMULATOR_TYPE("TypeMismatch", Kind.ERROR,
            "@%s %s returns %s but its accumulator parameter is %s: they must be the same type"),
    REDUCE_ELEMENT("TypeMismatch", Kind.ERROR,
            "@Reduce %s folds %s into an accumulator of type %s: a reduce takes and returns its element type, %s %s(%s acc, %s in)"),
    INITIAL_MISSING("Initial", Kind.ERROR,
            "@Aggregate(initial = \"%s\") on %s names no method of the pipeline: add a no-argument method %s %s()"),
    INITIAL_SHAPE("Initial", Kind.ERROR,
            "@Aggregate(initial = \"%s\") on %s: %s must be non-private, take no arguments and return %s"),
    ARRAY_KEY("Key", Kind.ERROR,
            "@KeyBy %s returns the array %s: arrays compare by identity, so equal keys would land apart; return a List, a record or a String"),
    KEY_EQUALITY("Key", Kind.WARNING,
            "@KeyBy %s returns %s, which does not override equals and hashCode: equal keys would be treated as different; use a record or override both"),
    INACCESSIBLE_TYPE("Access", Kind.ERROR,
            "stage %s uses %s, which is private: the generated class cannot name it; make it package-private"),
    EXCHANGE_ON_KEY_BY("Exchange", Kind.ERROR,
            "@%s on @KeyBy %s: a key-by hash-partitions its output inside its upstream's chain, so it takes no exchange annotation; remove @%s"),
    EXCHANGE_AFTER_KEY_BY("Exchange", Kind.ERROR,
            "@%s on %s conflicts with the hash exchange of @KeyBy %s, which it reads; remove @%s"),
    EXCHANGE_ON_SOURCE("Exchange", Kind.ERROR,
            "@%s on @Source %s: a source has no input to redistribute; remove @%s"),
    TWO_EXCHANGES("Exchange", Kind.ERROR,
            "%s has both @Rebalance and @Broadcast: choose one"),
    UNRESOLVED_TYPES("Unresolved", Kind.ERROR,
            "pipeline %s uses types that could not be resolved; fix the other compile errors first"),
    PROCESSOR_FAILURE("Internal", Kind.ERROR,
            "Rill failed while %s pipeline %s: %s. This is a bug in Rill; please report it with this class");

    private final String tag;
    private final Kind kind;
    private final String format;

    Message(String tag, Kind kind, String format) {
        this.tag = tag;
        this.kind = kind;
        this.format = format;
    }

    public String tag() {
        return "[Rill/" + tag + "]";
    }

    public Kind kind() {
        return kind;
    }

    public String format(Object... args) {
        return tag() + " " + String.format(format, args);
    }
}
