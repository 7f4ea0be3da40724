package dev.rill.processor.validate;

import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic Rill reports: a stable tag users can search for, a kind and a format
 * string that says what is wrong and what would be right. One negative test per entry.
 */
public enum Message {
    PIPELINE_ABSTRACT("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is abstract: Rill creates one instance per subtask from the factory; remove 'abstract'"),
    PIPELINE_INTERFACE("PipelineClass", Kind.ERROR,
            "@Pipeline goes on a class, but %s is an interface: Rill creates one instance per subtask from the factory; declare the stages in a class"),
    NAME_CLASH("PipelineClass", Kind.ERROR,
            "the class Rill generates for %s, %s, is already taken by %s: rename one of the two classes"),
    PIPELINE_GENERIC("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is generic: stage element types must be known at compile time; remove the type parameters"),
    PIPELINE_PRIVATE("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is private: the generated class %s must call it; make it package-private or public"),
    PIPELINE_INNER("PipelineClass", Kind.ERROR,
            "@Pipeline class %s is an inner class: make it a static nested class or a top-level class"),
    PIPELINE_PARALLELISM("Parallelism", Kind.ERROR,
            "@Pipeline(parallelism = %d) on %s must be at least 1: it is the number of subtasks of every stage that sets none; use 1 or more, or remove it for the default 1"),
    MAX_PARALLELISM("Parallelism", Kind.ERROR,
            "@Pipeline(maxParallelism = %d) on %s is below the parallelism of stage %s, %d: a keyed stage spreads its keys over maxParallelism key groups, one or more per subtask; raise it to at least %d"),
    STAGE_PARALLELISM("Parallelism", Kind.ERROR,
            "@%s(parallelism = %d) on %s must be 0 or more: it is the stage's number of subtasks; set it to a positive number or to 0 for the pipeline's default"),
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
            "@Source %s cannot have @From: a source reads nothing; remove @From"),
    FROM_CYCLE("From", Kind.ERROR,
            "%s reads from itself through %s: stages must form a graph without cycles; change one of these @From names"),
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
            "%s reads the union of %s, which emit different types (%s): all inputs of a union must emit one type; add a @Transform after those that differ"),
    TYPE_MISMATCH("TypeMismatch", Kind.ERROR,
            "%s(%s) cannot read the output of %s, which emits %s: change the parameter to %s or add a @Transform between them"),
    PAIR_MISMATCH("TypeMismatch", Kind.ERROR,
            "%s cannot read the output of %s, which emits the pair %s: take (%s key, %s value) or one Keyed<%s, %s>"),
    VALUE_AS_PAIR("TypeMismatch", Kind.ERROR,
            "%s takes %d element parameters but %s emits one %s: take (%s element)"),
    ACCUMULATOR_TYPE("TypeMismatch", Kind.ERROR,
            "@%s %s returns %s but its accumulator parameter is %s: a fold returns the accumulator it takes; declare both as the same type"),
    REDUCE_ELEMENT("TypeMismatch", Kind.ERROR,
            "@Reduce %s folds %s into an accumulator of type %s: a reduce takes and returns its element type, %s %s(%s acc, %s in)"),
    INITIAL_MISSING("Initial", Kind.ERROR,
            "@Aggregate(initial = \"%s\") on %s names no method of the pipeline: add a no-argument method %s %s()"),
    INITIAL_SHAPE("Initial", Kind.ERROR,
            "@Aggregate(initial = \"%s\") on %s: %s must be non-private, take no arguments and return %s"),
    MERGE_MISSING("Merge", Kind.ERROR,
            "@Aggregate(merge = \"%s\") on %s names no method of the pipeline: add a method %s %s(%s a, %s b) that combines two accumulators"),
    MERGE_SHAPE("Merge", Kind.ERROR,
            "@Aggregate(merge = \"%s\") on %s: %s must be non-private, take two %s and return %s"),
    MERGE_UNUSED("Merge", Kind.WARNING,
            "@Aggregate(merge = \"%s\") on %s has no effect: merge lets upstream subtasks pre-aggregate for a tumbling or sliding @Window, which %s has not; remove merge or add such a window"),
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
    WINDOWED_MISMATCH("TypeMismatch", Kind.ERROR,
            "%s cannot read the output of %s, which emits the windowed result %s: take (%s key, %s value, TimeWindow window) or one Windowed<%s, %s>"),
    WINDOW_WITHOUT_FOLD("Window", Kind.ERROR,
            "@Window on %s: a window goes beside @Aggregate or @Reduce, which fold per key and window; add one or remove @Window"),
    WINDOW_SIZE_AND_GAP("Window", Kind.ERROR,
            "@Window on %s has both size and gap: size (with slide) makes tumbling or sliding windows, gap alone session windows; keep one"),
    WINDOW_SIZE("Window", Kind.ERROR,
            "@Window on %s has no length: give size > 0 (tumbling, or sliding with slide) or gap > 0 (session windows), not size = %d, gap = %d"),
    WINDOW_SLIDE("Window", Kind.ERROR,
            "@Window(slide = %d) on %s must be positive and at most size = %d: windows would otherwise leave gaps between them"),
    SESSION_INPUT("Window", Kind.ERROR,
            "session-windowed @%s %s reads %s, a pair: session windows fold single elements; put a @Transform that makes one value before the @KeyBy"),
    WINDOW_WITHOUT_EVENT_TIME("Window", Kind.ERROR,
            "windowed @%s %s has no @EventTime stage upstream to give elements a timestamp: add a method 'long m(T in)' annotated @EventTime before the @KeyBy"),
    OUT_OF_ORDERNESS("Window", Kind.ERROR,
            "@EventTime(maxOutOfOrderness = %d) on %s must be 0 or more: it is how late, in ms, an element may still arrive"),
    TWO_EXCHANGES("Exchange", Kind.ERROR,
            "%s has both @Rebalance and @Broadcast: choose one and remove the other"),
    UNRESOLVED_TYPES("Unresolved", Kind.ERROR,
            "%s uses %s, which could not be resolved: import it, or fix the error that keeps it from being generated; Rill generates nothing for pipeline %s until then"),
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
