package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each pipeline mistake is one javac error on the offending line, with the message's tag and
 * text; nothing is generated for a pipeline with errors.
 */
class DiagnosticsTest {
    private static final String HEADER = """
            package p;
            import dev.rill.annotation.*;
            import dev.rill.runtime.*;
            """;

    /** A pipeline class named P, whose body starts on line 5 (after the header and the class line). */
    private static JavaFileObject pipeline(String annotation, String body) {
        return Compilations.source("p.P", HEADER + annotation + " public class P {\n" + body + "}\n");
    }

    private static JavaFileObject pipeline(String body) {
        return pipeline("@Pipeline", body);
    }

    static Stream<Arguments> mistakes() {
        String source = "  @Source public void events(Emitter<String> out) { out.emit(\"a\"); }\n";
        String sink = "  @Sink public void print(String s) { }\n";
        return Stream.of(
                Arguments.of("filter returning int", pipeline(source
                        + "  @Filter public int keep(String s) { return 1; }\n" + sink), 6,
                        "[Rill/StageShape] @Filter keep has the wrong shape: it returns int instead of boolean; expected boolean m(T in)"),
                Arguments.of("type mismatch", pipeline(source
                        + "  @Filter public boolean keep(Integer s) { return true; }\n" + sink), 6,
                        "[Rill/TypeMismatch] keep(Integer) cannot read the output of events, which emits String: change the parameter to String or add a @Transform between them"),
                Arguments.of("private stage", pipeline(source
                        + "  @Sink private void print(String s) { }\n"), 6,
                        "[Rill/StageShape] stage print is private"),
                Arguments.of("generic stage", pipeline(source
                        + "  @Sink public <T> void print(T s) { }\n"), 6,
                        "[Rill/StageShape] stage print is generic"),
                Arguments.of("two stage annotations", pipeline(source
                        + "  @Sink @Filter public void print(String s) { }\n"), 6,
                        "[Rill/StageShape] stage print has both @Sink and @Filter"),
                Arguments.of("aggregate without key by", pipeline(source
                        + "  @Aggregate public long count(long c, String s) { return c + 1; }\n"
                        + "  @Sink public void print(String k, long c) { }\n"), 6,
                        "[Rill/Wiring] @Aggregate count must read from exactly one @KeyBy stage, but reads events"),
                Arguments.of("key by with nothing after it", pipeline(source + sink
                        + "  @KeyBy @From(\"events\") public String key(String s) { return s; }\n"), 7,
                        "[Rill/Wiring] @KeyBy key has no stage after it"),
                Arguments.of("no source", pipeline(sink), 4,
                        "[Rill/NoSource] pipeline P has no @Source"),
                Arguments.of("no sink", pipeline(source
                        + "  @Transform public int length(String s) { return s.length(); }\n"), 4,
                        "[Rill/NoSink] pipeline P has no @Sink"),
                Arguments.of("dangling stage", pipeline(source + sink
                        + "  @Transform @From(\"events\") public int length(String s) { return s.length(); }\n"), 7,
                        "[Rill/Wiring] the output of length is read by no stage"),
                Arguments.of("array key", pipeline(source
                        + "  @KeyBy public char[] key(String s) { return s.toCharArray(); }\n"
                        + "  @Aggregate public long count(long c, String s) { return c + 1; }\n"
                        + "  @Sink public void print(char[] k, long c) { }\n"), 6,
                        "[Rill/Key] @KeyBy key returns the array char[]"),
                Arguments.of("negative stage parallelism", pipeline(source
                        + "  @Sink(parallelism = -1) public void print(String s) { }\n"), 6,
                        "[Rill/Parallelism] parallelism = -1 on print must be 0 (the pipeline's default) or more"),
                Arguments.of("pipeline parallelism 0", pipeline("@Pipeline(parallelism = 0)", source + sink), 4,
                        "[Rill/Parallelism] @Pipeline(parallelism = 0) on P must be at least 1"),
                Arguments.of("@From naming no stage", pipeline(source
                        + "  @Sink @From(\"evnts\") public void print(String s) { }\n"), 6,
                        "[Rill/From] @From(\"evnts\") on print names no stage; the stages are events, print"),
                Arguments.of("@From cycle", pipeline(source
                        + "  @Filter @From(\"b\") public boolean a(String s) { return true; }\n"
                        + "  @Filter @From(\"a\") public boolean b(String s) { return true; }\n" + sink), 6,
                        "[Rill/From] a reads from itself through b <- a"),
                Arguments.of("reading a sink", pipeline(source + sink
                        + "  @Sink public void again(String s) { }\n"), 7,
                        "[Rill/Wiring] again reads from @Sink print, which emits nothing"),
                Arguments.of("abstract pipeline", pipeline("@Pipeline abstract", source + sink), 4,
                        "[Rill/PipelineClass] @Pipeline class P is abstract"),
                Arguments.of("generic pipeline", Compilations.source("p.P", HEADER
                        + "@Pipeline public class P<T> {\n" + source + sink + "}\n"), 4,
                        "[Rill/PipelineClass] @Pipeline class P is generic"),
                Arguments.of("rebalance on key by", pipeline(source
                        + "  @KeyBy @Rebalance public String key(String s) { return s; }\n"
                        + "  @Reduce public String last(String a, String b) { return b; }\n"
                        + "  @Sink public void print(String k, String v) { }\n"), 6,
                        "[Rill/Exchange] @Rebalance on @KeyBy key"),
                Arguments.of("pair read as one value", pipeline(source
                        + "  @KeyBy public String key(String s) { return s; }\n"
                        + "  @Aggregate public long count(long c, String s) { return c + 1; }\n"
                        + "  @Sink public void print(String s) { }\n"), 8,
                        "[Rill/TypeMismatch] print cannot read the output of count, which emits the pair (String, long): take (String key, long value) or one Keyed<String, Long>"),
                Arguments.of("accumulator type differs from return type", pipeline(source
                        + "  @KeyBy public String key(String s) { return s; }\n"
                        + "  @Aggregate public int count(long c, String s) { return 1; }\n"
                        + "  @Sink public void print(String k, int c) { }\n"), 7,
                        "[Rill/TypeMismatch] @Aggregate count returns int but its accumulator parameter is long"),
                Arguments.of("initial naming no method", pipeline(source
                        + "  @KeyBy public String key(String s) { return s; }\n"
                        + "  @Aggregate(initial = \"zero\") public long count(long c, String s) { return c + 1; }\n"
                        + "  @Sink public void print(String k, long c) { }\n"), 7,
                        "[Rill/Initial] @Aggregate(initial = \"zero\") on count names no method of the pipeline"),
                Arguments.of("source without emitter", pipeline(
                        "  @Source public void events() { }\n" + sink), 5,
                        "[Rill/StageShape] @Source events has the wrong shape: it takes no parameters; expected void m(Emitter<R> out) or void m(SourceContext ctx, Emitter<R> out)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakeIsOneErrorOnItsLine(String what, JavaFileObject source, int line, String message) {
        Compilation compilation = Compilations.compileLenient(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
        assertEquals(1, compilation.errors().size(), () -> "expected one error, got " + compilation.errors());
    }

    @Test
    void keyWithoutValueEqualityIsAWarningAndStillGenerates() {
        JavaFileObject source = pipeline(
                "  static class Box { final String v; Box(String v) { this.v = v; } }\n"
                + "  @Source public void events(Emitter<String> out) { out.emit(\"a\"); }\n"
                + "  @KeyBy Box key(String s) { return new Box(s); }\n"
                + "  @Aggregate public long count(long c, String s) { return c + 1; }\n"
                + "  @Sink public void print(Box k, long c) { }\n");
        Compilation compilation = Compilations.compileLenient(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(
                "[Rill/Key] @KeyBy key returns P.Box, which does not override equals and hashCode").inFile(source).onLine(7);
    }

    @Test
    void threeIndependentMistakesAreAllReported() {
        JavaFileObject source = pipeline(
                "  @Source public void events(Emitter<String> out) { out.emit(\"a\"); }\n"
                + "  @Filter public int keep(String s) { return 1; }\n"
                + "  @Transform(parallelism = -2) public int length(String s) { return s.length(); }\n"
                + "  @Sink private void print(int n) { }\n");
        Compilation compilation = Compilations.compileLenient(source);
        assertThat(compilation).hadErrorContaining("@Filter keep has the wrong shape").inFile(source).onLine(6);
        assertThat(compilation).hadErrorContaining("parallelism = -2 on length").inFile(source).onLine(7);
        assertThat(compilation).hadErrorContaining("stage print is private").inFile(source).onLine(8);
        assertEquals(3, compilation.errors().size(), () -> compilation.errors().toString());
    }
}
