package dev.rill.processor;

import dev.rill.processor.validate.Message;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * One pipeline mistake per catalogue entry, with where its diagnostic must land and its full
 * text. A pipeline body starts on line 5, after the three header lines and the class line.
 *
 * <p>{@code mark} is a piece of the offending line with a {@code |} where the diagnostic's column
 * must be: javac puts a method or parameter diagnostic on its name, an annotation diagnostic on
 * its {@code @}, a value diagnostic on the value, and a class diagnostic on {@code class}.
 */
final class DiagnosticCases {
    private DiagnosticCases() {
    }

    static final String HEADER = """
            package p;
            import dev.rill.annotation.*;
            import dev.rill.runtime.*;
            """;

    private static final String SOURCE = "  @Source public void events(Emitter<String> out) { }\n";
    private static final String SINK = "  @Sink public void print(String s) { }\n";
    private static final String KEY = "  @KeyBy public String key(String s) { return s; }\n";
    private static final String COUNT = "  @Aggregate public long count(long c, String s) { return c + 1; }\n";
    private static final String PAIR_SINK = "  @Sink public void print(String k, long c) { }\n";
    private static final String TIME = "  @EventTime public long time(String s) { return 0; }\n";
    private static final String WINDOWED_SINK = "  @Sink public void print(String k, long c, TimeWindow w) { }\n";

    record Case(Message message, String what, JavaFileObject source, int line, int column, String text) {
        @Override
        public String toString() {
            return message + ": " + what;
        }
    }

    /** A pipeline class {@code p.P} with this annotation line and body (body lines start at line 5). */
    static JavaFileObject pipeline(String annotation, String body) {
        return Compilations.source("p.P", HEADER + annotation + " public class P {\n" + body + "}\n");
    }

    static JavaFileObject pipeline(String body) {
        return pipeline("@Pipeline", body);
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void add(Message message, String what, JavaFileObject source, int line, String mark, String text) {
        String code;
        try {
            code = source.getCharContent(true).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String lineText = code.lines().skip(line - 1).findFirst().orElseThrow();
        int bar = mark.indexOf('|');
        int at = lineText.indexOf(mark.replace("|", ""));
        if (bar < 0 || at < 0) {
            throw new IllegalArgumentException(what + ": mark '" + mark + "' not on line " + line + ": " + lineText);
        }
        CASES.add(new Case(message, what, source, line, at + bar + 1, text));
    }

    static List<Case> all() {
        return CASES;
    }

    static {
        pipelineClass();
        parallelism();
        stageShape();
        wiring();
        typeFlow();
        keysAndInitial();
        exchanges();
        windows();
    }

    private static void pipelineClass() {
        add(Message.PIPELINE_ABSTRACT, "abstract pipeline", pipeline("@Pipeline abstract", SOURCE + SINK), 4, "|class P",
                "[Rill/PipelineClass] @Pipeline class P is abstract: Rill creates one instance per subtask from the factory; remove 'abstract'");
        add(Message.PIPELINE_INTERFACE, "interface pipeline",
                Compilations.source("p.P", HEADER + "@Pipeline public interface P {\n" + SOURCE.replace("public void", "default void") + SINK.replace("public void", "default void") + "}\n"), 4, "|interface P",
                "[Rill/PipelineClass] @Pipeline goes on a class, but P is an interface: Rill creates one instance per subtask from the factory; declare the stages in a class");
        add(Message.NAME_CLASH, "two pipelines generating one name",
                Compilations.source("p.P", HEADER + "@Pipeline public class P {\n" + SOURCE + SINK
                        + "  @Pipeline public static class Q {\n" + SOURCE + SINK + "  }\n"
                        + "}\n@Pipeline class P_Q {\n" + SOURCE + SINK + "}\n"), 12, "|class P_Q",
                "[Rill/PipelineClass] the class Rill generates for P_Q, RillP_Q, is already taken by P.Q: rename one of the two classes");
        add(Message.PIPELINE_GENERIC, "generic pipeline",
                Compilations.source("p.P", HEADER + "@Pipeline public class P<T> {\n" + SOURCE + SINK + "}\n"), 4, "|class P",
                "[Rill/PipelineClass] @Pipeline class P is generic: stage element types must be known at compile time; remove the type parameters");
        add(Message.PIPELINE_PRIVATE, "private nested pipeline", Compilations.source("p.P", HEADER + """
                public class P {
                  @Pipeline private static class Inner {
                  """ + SOURCE + SINK + "  }\n}\n"), 5, "|class Inner",
                "[Rill/PipelineClass] @Pipeline class P.Inner is private: the generated class RillP_Inner must call it; make it package-private or public");
        add(Message.PIPELINE_INNER, "inner (non-static) pipeline", Compilations.source("p.P", HEADER + """
                public class P {
                  @Pipeline public class Inner {
                  """ + SOURCE + SINK + "  }\n}\n"), 5, "|class Inner",
                "[Rill/PipelineClass] @Pipeline class P.Inner is an inner class: make it a static nested class or a top-level class");
        add(Message.NO_SOURCE, "no source", pipeline(SINK), 4, "|class P",
                "[Rill/NoSource] pipeline P has no @Source: add a method annotated @Source that emits its input");
        add(Message.NO_SINK, "no sink", pipeline(SOURCE + "  @Transform public int length(String s) { return 0; }\n"), 4, "|class P",
                "[Rill/NoSink] pipeline P has no @Sink: add a method annotated @Sink that consumes its output");
    }

    private static void parallelism() {
        add(Message.PIPELINE_PARALLELISM, "pipeline parallelism 0", pipeline("@Pipeline(parallelism = 0)", SOURCE + SINK), 4,
                "parallelism = |0",
                "[Rill/Parallelism] @Pipeline(parallelism = 0) on P must be at least 1: it is the number of subtasks of every stage that sets none; use 1 or more, or remove it for the default 1");
        add(Message.MAX_PARALLELISM, "maxParallelism below a stage's parallelism", pipeline("@Pipeline(maxParallelism = 2)",
                SOURCE + "  @Sink(parallelism = 4) public void print(String s) { }\n"), 4, "maxParallelism = |2",
                "[Rill/Parallelism] @Pipeline(maxParallelism = 2) on P is below the parallelism of stage print, 4: a keyed stage spreads its keys over maxParallelism key groups, one or more per subtask; raise it to at least 4");
        add(Message.STAGE_PARALLELISM, "negative stage parallelism", pipeline(SOURCE
                + "  @Sink(parallelism = -1) public void print(String s) { }\n"), 6, "parallelism = |-1",
                "[Rill/Parallelism] @Sink(parallelism = -1) on print must be 0 or more: it is the stage's number of subtasks; set it to a positive number or to 0 for the pipeline's default");
    }

    private static void stageShape() {
        add(Message.STAGE_PRIVATE, "private stage", pipeline(SOURCE + "  @Sink private void print(String s) { }\n"), 6, "|print(",
                "[Rill/StageShape] stage print is private: the generated class calls it; make it package-private, protected or public");
        add(Message.STAGE_GENERIC, "generic stage", pipeline(SOURCE + "  @Sink public <T> void print(T s) { }\n"), 6, "|print(",
                "[Rill/StageShape] stage print is generic: a stage has one element type; remove its type parameters");
        add(Message.TWO_STAGE_ANNOTATIONS, "two stage annotations", pipeline(SOURCE
                + "  @Sink @Filter public void print(String s) { }\n"), 6, "|@Filter",
                "[Rill/StageShape] stage print has both @Sink and @Filter: a method is one stage; split it into two methods");
        add(Message.DUPLICATE_STAGE, "overloaded stage names", pipeline(SOURCE + SINK
                + "  @Sink @From(\"events\") public void print(Integer i) { }\n"), 7, "|print(Integer",
                "[Rill/StageShape] two stage methods are named print: stages are named after their methods; rename one");
        add(Message.STAGE_SHAPE, "filter returning int", pipeline(SOURCE
                + "  @Filter public int keep(String s) { return 1; }\n" + SINK), 6, "|keep(",
                "[Rill/StageShape] @Filter keep has the wrong shape: it returns int instead of boolean; expected boolean m(T in)");
    }

    private static void wiring() {
        add(Message.FROM_UNKNOWN, "@From naming no stage", pipeline(SOURCE
                + "  @Sink @From(\"evnts\") public void print(String s) { }\n"), 6, "@From(|\"evnts\")",
                "[Rill/From] @From(\"evnts\") on print names no stage; the stages are events, print");
        add(Message.FROM_ON_SOURCE, "@From on a source", pipeline(
                "  @Source @From(\"print\") public void events(Emitter<String> out) { }\n" + SINK), 5, "|@From",
                "[Rill/From] @Source events cannot have @From: a source reads nothing; remove @From");
        add(Message.FROM_CYCLE, "@From cycle", pipeline(SOURCE
                + "  @Filter @From(\"b\") public boolean a(String s) { return true; }\n"
                + "  @Filter @From(\"a\") public boolean b(String s) { return true; }\n" + SINK), 6, "@From(|\"b\")",
                "[Rill/From] a reads from itself through b <- a: stages must form a graph without cycles; change one of these @From names");
        add(Message.READS_SINK, "reading a sink", pipeline(SOURCE + SINK + "  @Sink public void again(String s) { }\n"), 7,
                "|again(",
                "[Rill/Wiring] again reads from @Sink print, which emits nothing: add @From naming the stage it should read");
        add(Message.NO_UPSTREAM, "stage above every source", pipeline(
                "  @Filter public boolean keep(String s) { return true; }\n" + SOURCE + SINK), 5, "|keep(",
                "[Rill/Wiring] keep has no stage above it to read from: declare a @Source before it or add @From");
        add(Message.DANGLING, "output nobody reads", pipeline(SOURCE + SINK
                + "  @Transform @From(\"events\") public int length(String s) { return 0; }\n"), 7, "|length(",
                "[Rill/Wiring] the output of length is read by no stage: add a stage after it (a @Sink, say) or remove it");
        add(Message.KEY_BY_NO_READER, "key by with nothing after it", pipeline(SOURCE + SINK
                + "  @KeyBy @From(\"events\") public String key(String s) { return s; }\n"), 7, "|key(",
                "[Rill/Wiring] @KeyBy key has no stage after it: follow it with the keyed stage, e.g. @Aggregate or @Reduce");
        add(Message.KEYED_WITHOUT_KEY_BY, "aggregate without key by", pipeline(SOURCE + COUNT + PAIR_SINK), 6, "|count(",
                "[Rill/Wiring] @Aggregate count must read from exactly one @KeyBy stage, but reads events: add a @KeyBy before it");
        add(Message.KEY_BY_AFTER_KEY_BY, "key by after key by", pipeline(SOURCE + KEY
                + "  @KeyBy public int again(String s) { return 0; }\n" + COUNT
                + "  @Sink public void print(int k, long c) { }\n"), 7, "|again(",
                "[Rill/Wiring] @KeyBy again reads from @KeyBy key: key the stream once; remove one of them");
    }

    private static void typeFlow() {
        add(Message.UNION_TYPES, "union of different types", pipeline(
                "  @Source public void words(Emitter<String> out) { }\n"
                + "  @Source public void numbers(Emitter<Integer> out) { }\n"
                + "  @Sink @From({\"words\", \"numbers\"}) public void print(Object o) { }\n"), 7, "@From(|{",
                "[Rill/TypeMismatch] print reads the union of words, numbers, which emit different types (String, Integer): all inputs of a union must emit one type; add a @Transform after those that differ");
        add(Message.TYPE_MISMATCH, "parameter type does not accept the upstream's", pipeline(SOURCE
                + "  @Filter public boolean keep(Integer s) { return true; }\n" + SINK), 6, "Integer |s)",
                "[Rill/TypeMismatch] keep(Integer) cannot read the output of events, which emits String: change the parameter to String or add a @Transform between them");
        add(Message.PAIR_MISMATCH, "pair read as one value", pipeline(SOURCE + KEY + COUNT
                + "  @Sink public void print(String s) { }\n"), 8, "String |s)",
                "[Rill/TypeMismatch] print cannot read the output of count, which emits the pair (String, long): take (String key, long value) or one Keyed<String, Long>");
        add(Message.VALUE_AS_PAIR, "one value read as a pair", pipeline(SOURCE + PAIR_SINK), 6, "|print(",
                "[Rill/TypeMismatch] print takes 2 element parameters but events emits one String: take (String element)");
        add(Message.ACCUMULATOR_TYPE, "accumulator type differs from return type", pipeline(SOURCE + KEY
                + "  @Aggregate public int count(long c, String s) { return 1; }\n"
                + "  @Sink public void print(String k, int c) { }\n"), 7, "long |c,",
                "[Rill/TypeMismatch] @Aggregate count returns int but its accumulator parameter is long: a fold returns the accumulator it takes; declare both as the same type");
        add(Message.REDUCE_ELEMENT, "reduce whose accumulator is not its element", pipeline(
                "  @Source public void events(Emitter<Integer> out) { }\n"
                + "  @KeyBy public int key(Integer i) { return i; }\n"
                + "  @Reduce public String last(String acc, Object in) { return acc; }\n"
                + "  @Sink public void print(int k, String v) { }\n"), 7, "|last(",
                "[Rill/TypeMismatch] @Reduce last folds Integer into an accumulator of type String: a reduce takes and returns its element type, Integer last(Integer acc, Integer in)");
        add(Message.INACCESSIBLE_TYPE, "private type in a stage signature", pipeline(
                "  private static class Secret { }\n" + SOURCE
                + "  @Transform public Secret wrap(String s) { return null; }\n"
                + "  @Sink public void print(Object o) { }\n"), 7, "|wrap(",
                "[Rill/Access] stage wrap uses P.Secret, which is private: the generated class cannot name it; make it package-private");
        add(Message.UNRESOLVED_TYPES, "type that does not exist", pipeline(SOURCE
                + "  @Sink public void print(Missing m) { }\n"), 6, "Missing |m)",
                "[Rill/Unresolved] print(Missing) uses Missing, which could not be resolved: import it, or fix the error that keeps it from being generated; Rill generates nothing for pipeline P until then");
    }

    private static void keysAndInitial() {
        add(Message.ARRAY_KEY, "array key", pipeline(SOURCE
                + "  @KeyBy public char[] key(String s) { return null; }\n" + COUNT
                + "  @Sink public void print(char[] k, long c) { }\n"), 6, "|key(",
                "[Rill/Key] @KeyBy key returns the array char[]: arrays compare by identity, so equal keys would land apart; return a List, a record or a String");
        add(Message.KEY_EQUALITY, "key without equals and hashCode (warning)", pipeline(
                "  static class Box { }\n" + SOURCE
                + "  @KeyBy Box key(String s) { return new Box(); }\n" + COUNT
                + "  @Sink public void print(Box k, long c) { }\n"), 7, "|key(",
                "[Rill/Key] @KeyBy key returns P.Box, which does not override equals and hashCode: equal keys would be treated as different; use a record or override both");
        add(Message.INITIAL_MISSING, "initial naming no method", pipeline(SOURCE + KEY
                + "  @Aggregate(initial = \"zero\") public long count(long c, String s) { return c + 1; }\n" + PAIR_SINK), 7,
                "initial = |\"zero\"",
                "[Rill/Initial] @Aggregate(initial = \"zero\") on count names no method of the pipeline: add a no-argument method long zero()");
        add(Message.INITIAL_SHAPE, "initial taking an argument", pipeline(SOURCE + KEY
                + "  @Aggregate(initial = \"zero\") public long count(long c, String s) { return c + 1; }\n" + PAIR_SINK
                + "  public long zero(int x) { return x; }\n"), 7, "initial = |\"zero\"",
                "[Rill/Initial] @Aggregate(initial = \"zero\") on count: zero must be non-private, take no arguments and return long");
        add(Message.MERGE_MISSING, "merge naming no method", pipeline(SOURCE + TIME + KEY
                + "  @Aggregate(merge = \"sum\") @Window(size = 10) public long count(long c, String s) { return c + 1; }\n"
                + WINDOWED_SINK), 8, "merge = |\"sum\"",
                "[Rill/Merge] @Aggregate(merge = \"sum\") on count names no method of the pipeline: add a method long sum(long a, long b) that combines two accumulators");
        add(Message.MERGE_SHAPE, "merge taking one accumulator", pipeline(SOURCE + TIME + KEY
                + "  @Aggregate(merge = \"sum\") @Window(size = 10) public long count(long c, String s) { return c + 1; }\n"
                + WINDOWED_SINK + "  static long sum(long a) { return a; }\n"), 8, "merge = |\"sum\"",
                "[Rill/Merge] @Aggregate(merge = \"sum\") on count: sum must be non-private, take two long and return long");
        add(Message.MERGE_UNUSED, "merge without a window", pipeline(SOURCE + KEY
                + "  @Aggregate(merge = \"sum\") public long count(long c, String s) { return c + 1; }\n"
                + PAIR_SINK + "  static long sum(long a, long b) { return a + b; }\n"), 7, "merge = |\"sum\"",
                "[Rill/Merge] @Aggregate(merge = \"sum\") on count has no effect: merge lets upstream subtasks pre-aggregate for a tumbling or sliding @Window, which count has not; remove merge or add such a window");
    }

    private static void exchanges() {
        add(Message.EXCHANGE_ON_KEY_BY, "rebalance on key by", pipeline(SOURCE
                + "  @KeyBy @Rebalance public String key(String s) { return s; }\n" + COUNT + PAIR_SINK), 6, "|@Rebalance",
                "[Rill/Exchange] @Rebalance on @KeyBy key: a key-by hash-partitions its output inside its upstream's chain, so it takes no exchange annotation; remove @Rebalance");
        add(Message.EXCHANGE_AFTER_KEY_BY, "broadcast after key by", pipeline(SOURCE + KEY
                + "  @Aggregate @Broadcast public long count(long c, String s) { return c + 1; }\n" + PAIR_SINK), 7,
                "|@Broadcast",
                "[Rill/Exchange] @Broadcast on count conflicts with the hash exchange of @KeyBy key, which it reads; remove @Broadcast");
        add(Message.EXCHANGE_ON_SOURCE, "broadcast on a source", pipeline(
                "  @Source @Broadcast public void events(Emitter<String> out) { }\n" + SINK), 5, "|@Broadcast",
                "[Rill/Exchange] @Broadcast on @Source events: a source has no input to redistribute; remove @Broadcast");
        add(Message.TWO_EXCHANGES, "rebalance and broadcast", pipeline(SOURCE
                + "  @Sink @Rebalance @Broadcast public void print(String s) { }\n"), 6, "|@Broadcast",
                "[Rill/Exchange] print has both @Rebalance and @Broadcast: choose one and remove the other");
    }

    private static void windows() {
        add(Message.WINDOWED_MISMATCH, "windowed result read as a pair", pipeline(SOURCE + TIME + KEY
                + "  @Aggregate @Window(size = 10) public long count(long c, String s) { return c + 1; }\n" + PAIR_SINK),
                9, "void |print",
                "[Rill/TypeMismatch] print cannot read the output of count, which emits the windowed result (String, long, TimeWindow): take (String key, long value, TimeWindow window) or one Windowed<String, Long>");
        add(Message.WINDOW_WITHOUT_FOLD, "window on a transform", pipeline(SOURCE
                + "  @Transform @Window(size = 10) public String t(String s) { return s; }\n" + SINK), 6, "|@Window",
                "[Rill/Window] @Window on t: a window goes beside @Aggregate or @Reduce, which fold per key and window; add one or remove @Window");
        add(Message.WINDOW_SIZE_AND_GAP, "size and gap", pipeline(SOURCE + TIME + KEY
                + "  @Aggregate @Window(size = 10, gap = 5) public long count(long c, String s) { return c + 1; }\n"
                + WINDOWED_SINK), 8, "gap = |5",
                "[Rill/Window] @Window on count has both size and gap: size (with slide) makes tumbling or sliding windows, gap alone session windows; keep one");
        add(Message.WINDOW_SIZE, "negative size", pipeline(SOURCE + TIME + KEY
                + "  @Aggregate @Window(size = -10) public long count(long c, String s) { return c + 1; }\n"
                + WINDOWED_SINK), 8, "|@Window",
                "[Rill/Window] @Window on count has no length: give size > 0 (tumbling, or sliding with slide) or gap > 0 (session windows), not size = -10, gap = 0");
        add(Message.WINDOW_SLIDE, "slide above size", pipeline(SOURCE + TIME + KEY
                + "  @Aggregate @Window(size = 10, slide = 20) public long count(long c, String s) { return c + 1; }\n"
                + WINDOWED_SINK), 8, "slide = |20",
                "[Rill/Window] @Window(slide = 20) on count must be positive and at most size = 10: windows would otherwise leave gaps between them");
        add(Message.WINDOW_WITHOUT_EVENT_TIME, "window without event time", pipeline(SOURCE + KEY
                + "  @Aggregate @Window(size = 10) public long count(long c, String s) { return c + 1; }\n"
                + WINDOWED_SINK), 7, "long |count",
                "[Rill/Window] windowed @Aggregate count has no @EventTime stage upstream to give elements a timestamp: add a method 'long m(T in)' annotated @EventTime before the @KeyBy");
        add(Message.SESSION_INPUT, "session window over pairs", pipeline(SOURCE + TIME + KEY + COUNT
                + "  @KeyBy public String again(String k, long c) { return k; }\n"
                + "  @Aggregate @Window(gap = 10) public long total(long t, String k, long c) { return t + c; }\n"
                + WINDOWED_SINK), 10, "|@Window",
                "[Rill/Window] session-windowed @Aggregate total reads (String, long), a pair: session windows fold single elements; put a @Transform that makes one value before the @KeyBy");
        add(Message.OUT_OF_ORDERNESS, "negative out-of-orderness", pipeline(SOURCE
                + "  @EventTime(maxOutOfOrderness = -1) public long time(String s) { return 0; }\n" + SINK), 6,
                "maxOutOfOrderness = |-1",
                "[Rill/Window] @EventTime(maxOutOfOrderness = -1) on time must be 0 or more: it is how late, in ms, an element may still arrive");
    }
}
