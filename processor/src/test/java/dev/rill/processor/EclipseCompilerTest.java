package dev.rill.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.processor.validate.Message;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rill under the Eclipse compiler (ecj, run through javax.tools as Eclipse's build does): the
 * seed pipeline generates code that ecj compiles, and mistakes give the same message on the same
 * line as under javac.
 */
class EclipseCompilerTest {
    /** A handful of mistakes across the rule families, checked against javac's results in {@link DiagnosticsTest}. */
    private static final Set<Message> CHECKED = Set.of(Message.STAGE_SHAPE, Message.TYPE_MISMATCH,
            Message.STAGE_PARALLELISM, Message.FROM_UNKNOWN, Message.KEYED_WITHOUT_KEY_BY, Message.NO_SOURCE,
            Message.PAIR_MISMATCH, Message.TWO_STAGE_ANNOTATIONS, Message.ARRAY_KEY, Message.PIPELINE_ABSTRACT);

    @TempDir
    Path dir;

    private record Result(List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {
        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        }
    }

    private Result compile(Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        Path gen = Files.createDirectories(dir.resolve("generated"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        JavaCompiler ecj = new EclipseCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager fm = ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-17", "-encoding", "UTF-8", "-proc:full", "-d", out.toString(),
                    "-s", gen.toString(), "-classpath", System.getProperty("java.class.path"));
            JavaCompiler.CompilationTask task = ecj.getTask(output, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new RillProcessor()));
            task.call();
        }
        return new Result(diagnostics.getDiagnostics(), output.toString());
    }

    private static String read(String resource) {
        try (var in = EclipseCompilerTest.class.getResourceAsStream("/pipelines/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void seedPipelineGeneratesCodeThatEcjCompiles() throws IOException {
        Result result = compile(Map.of("dev.rill.sample.Event", read("Event.java"),
                "dev.rill.sample.ColorCount", read("ColorCount.java")));
        assertEquals(List.of(), result.errors(), result.output());
        assertTrue(Files.exists(dir.resolve("generated/dev/rill/sample/RillColorCount.java")), "nothing generated");
        assertTrue(Files.exists(dir.resolve("classes/dev/rill/sample/RillColorCount.class")), "generated code not compiled");
    }

    @Test
    void everyStageAndExchangeKindGeneratesCodeThatEcjCompiles() throws IOException {
        Result result = compile(Map.of("dev.rill.shapes.Shapes", read("Shapes.java")));
        assertEquals(List.of(), result.errors(), result.output());
        assertTrue(Files.exists(dir.resolve("classes/dev/rill/shapes/RillShapes_Everything.class")));
    }

    static Stream<DiagnosticCases.Case> cases() {
        return DiagnosticCases.all().stream().filter(c -> CHECKED.contains(c.message()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameMessageOnTheSameLineAsJavac(DiagnosticCases.Case c) throws IOException {
        Result result = compile(Map.of("p.P", c.source().getCharContent(true).toString()));
        List<String> rill = result.errors().stream()
                .filter(d -> d.getMessage(Locale.ROOT).startsWith("[Rill/"))
                .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
        assertEquals(List.of(c.line() + ": " + c.text()), rill, result.output());
    }
}
