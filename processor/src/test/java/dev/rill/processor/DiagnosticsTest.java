package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.rill.processor.validate.Message;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per {@link Message}: each pipeline mistake is one javac diagnostic with the
 * message's full text, in the pipeline's file, on the offending line and at the column of the
 * most precise element (the method or parameter name, the annotation, or the annotation value).
 * Nothing is generated for a pipeline with errors. {@link #everyMessageHasACase()} fails when an
 * entry is added to the catalogue without a case here.
 *
 * <p>Cases live in {@link DiagnosticCases}, grouped by rule family.
 */
class DiagnosticsTest {

    /** Not testable with a pipeline source: internal failures, covered by {@link ProcessorFailureTest}. */
    static final Set<Message> TESTED_ELSEWHERE = EnumSet.of(Message.PROCESSOR_FAILURE);

    static List<DiagnosticCases.Case> cases() {
        return DiagnosticCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mistakeIsOneDiagnosticAtItsPosition(DiagnosticCases.Case c) {
        Compilation compilation = Compilations.compileLenient(c.source());
        List<Diagnostic<? extends JavaFileObject>> rill = rillDiagnostics(compilation);
        if (c.message().kind() == Diagnostic.Kind.ERROR) {
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining(c.text()).inFile(c.source()).onLine(c.line()).atColumn(c.column());
        } else {
            assertThat(compilation).hadWarningContaining(c.text()).inFile(c.source()).onLine(c.line()).atColumn(c.column());
        }
        assertEquals(1, rill.size(), () -> "expected one Rill diagnostic, got " + rill);
        assertTrue(rill.get(0).getMessage(null).startsWith(c.message().tag() + " "), () -> rill.get(0).getMessage(null));
        if (c.message() != Message.UNRESOLVED_TYPES) { // javac reports the unknown symbol itself too
            assertEquals(c.message().kind() == Diagnostic.Kind.ERROR ? 1 : 0, compilation.errors().size(),
                    () -> "errors: " + compilation.errors());
        }
    }

    @Test
    void everyMessageHasACase() {
        Set<Message> covered = cases().stream().map(DiagnosticCases.Case::message).collect(Collectors.toSet());
        List<Message> missing = new ArrayList<>();
        for (Message m : Message.values()) {
            if (!covered.contains(m) && !TESTED_ELSEWHERE.contains(m)) {
                missing.add(m);
            }
        }
        assertEquals(List.of(), missing, "catalogue entries without a case in DiagnosticCases");
    }

    @Test
    void messagesHaveStableTagsAndSayWhatToDo() {
        for (Message m : Message.values()) {
            assertTrue(m.tag().matches("\\[Rill/[A-Z][A-Za-z]+]"), m.tag());
        }
        for (DiagnosticCases.Case c : cases()) {
            // every message says what would be right: a fix, an expected shape, or a rule to follow
            assertTrue(c.text().matches(".*(: |; ).*"), () -> c.message() + " gives no reason or fix: " + c.text());
        }
    }

    @Test
    void keyWithoutValueEqualityIsAWarningAndStillGenerates() {
        JavaFileObject source = DiagnosticCases.pipeline("""
                  static class Box { final String v; Box(String v) { this.v = v; } }
                  @Source public void events(Emitter<String> out) { out.emit("a"); }
                  @KeyBy Box key(String s) { return new Box(s); }
                  @Aggregate public long count(long c, String s) { return c + 1; }
                  @Sink public void print(Box k, long c) { }
                """);
        Compilation compilation = Compilations.compileLenient(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(
                "[Rill/Key] @KeyBy key returns P.Box, which does not override equals and hashCode").inFile(source).onLine(7);
        assertTrue(compilation.generatedSourceFile("p.RillP").isPresent());
    }

    @Test
    void threeIndependentMistakesAreAllReported() {
        JavaFileObject source = DiagnosticCases.pipeline("""
                  @Source public void events(Emitter<String> out) { out.emit("a"); }
                  @Filter public int keep(String s) { return 1; }
                  @Transform(parallelism = -2) public int length(String s) { return s.length(); }
                  @Sink private void print(int n) { }
                """);
        Compilation compilation = Compilations.compileLenient(source);
        assertThat(compilation).hadErrorContaining("@Filter keep has the wrong shape").inFile(source).onLine(6);
        assertThat(compilation).hadErrorContaining("@Transform(parallelism = -2) on length").inFile(source).onLine(7);
        assertThat(compilation).hadErrorContaining("stage print is private").inFile(source).onLine(8);
        assertEquals(3, compilation.errors().size(), () -> compilation.errors().toString());
    }

    @Test
    void everyUnknownFromNameIsMarkedOnItself() {
        JavaFileObject source = DiagnosticCases.pipeline("""
                  @Source public void events(Emitter<String> out) { }
                  @Sink @From({"events", "evnts", "nope"}) public void print(String s) { }
                """);
        Compilation compilation = Compilations.compileLenient(source);
        String line = "  @Sink @From({\"events\", \"evnts\", \"nope\"}) public void print(String s) { }";
        assertThat(compilation).hadErrorContaining("@From(\"evnts\") on print names no stage")
                .inFile(source).onLine(6).atColumn(line.indexOf("\"evnts\"") + 1);
        assertThat(compilation).hadErrorContaining("@From(\"nope\") on print names no stage")
                .inFile(source).onLine(6).atColumn(line.indexOf("\"nope\"") + 1);
        assertEquals(2, compilation.errors().size(), () -> compilation.errors().toString());
    }

    static List<Diagnostic<? extends JavaFileObject>> rillDiagnostics(Compilation compilation) {
        return compilation.diagnostics().stream()
                .filter(d -> d.getMessage(null).startsWith("[Rill/"))
                .collect(Collectors.toList());
    }
}
