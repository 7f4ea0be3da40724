package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles pipeline sources with Rill's processor, the way a user's build does. */
final class Compilations {
    private Compilations() {
    }

    /** A source from a string; {@code qualifiedName} decides the file name javac reports. */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** A source from src/test/resources/pipelines. */
    static JavaFileObject resource(String qualifiedName, String file) {
        try (var in = Compilations.class.getResourceAsStream("/pipelines/" + file)) {
            return JavaFileObjects.forSourceString(qualifiedName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Compilation compile(JavaFileObject... sources) {
        List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Xlint:-processing", "-Werror"));
        return javac().withProcessors(new RillProcessor()).withOptions(options).compile(sources);
    }

    /** Compiles without -Werror, for sources that are expected to warn. */
    static Compilation compileLenient(JavaFileObject... sources) {
        return javac().withProcessors(new RillProcessor()).compile(sources);
    }

    /**
     * Compiles {@code p.<name>}, a {@code @Pipeline(parallelism = 2)} class with {@code members}
     * (annotations and {@code dev.rill.runtime} imported), expects no warning, and returns the
     * generated {@code p.Rill<name>}.
     */
    static String generateParallelPipeline(String name, String... members) {
        List<String> lines = new ArrayList<>(List.of("package p;", "import dev.rill.annotation.*;",
                "import dev.rill.runtime.*;", "@Pipeline(parallelism = 2)", "public class " + name + " {"));
        for (String member : members) {
            lines.add("  " + member);
        }
        lines.add("}");
        Compilation compilation = compile(source("p." + name, lines.toArray(String[]::new)));
        assertThat(compilation).succeededWithoutWarnings();
        return generated(compilation, "p.Rill" + name);
    }

    static String generated(Compilation compilation, String qualifiedName) {
        try {
            return compilation.generatedSourceFile(qualifiedName).orElseThrow(
                    () -> new AssertionError("no generated " + qualifiedName + "; diagnostics: " + compilation.diagnostics()))
                    .getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
