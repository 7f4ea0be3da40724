package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Gradle's incremental compilation: Rill declares itself isolating, so each generated file must
 * originate from exactly the one {@code @Pipeline} class it was generated from.
 */
class IncrementalTest {

    @Test
    void declaredIsolatingForGradle() throws IOException {
        try (InputStream in = RillProcessor.class.getResourceAsStream("/META-INF/gradle/incremental.annotation.processors")) {
            assertNotNull(in, "META-INF/gradle/incremental.annotation.processors is missing from the processor jar");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(RillProcessor.class.getName() + ",isolating", text);
        }
    }

    @Test
    void eachGeneratedFileOriginatesFromExactlyItsPipeline() {
        Map<String, List<String>> origins = new LinkedHashMap<>();
        JavaFileObject nested = Compilations.source("p.Outer", DiagnosticCases.HEADER + """
                public class Outer {
                  @Pipeline public static class Inner {
                    @Source public void events(Emitter<String> out) { }
                    @Sink public void print(String s) { }
                  }
                  @Pipeline static class Other {
                    @Source public void numbers(Emitter<Integer> out) { }
                    @Sink public void print(int i) { }
                  }
                }
                """);
        Compilation compilation = javac().withProcessors(new WrappedProcessor(real -> recording(real, origins))).compile(
                Compilations.resource("dev.rill.sample.Event", "Event.java"),
                Compilations.resource("dev.rill.sample.ColorCount", "ColorCount.java"), nested);
        assertThat(compilation).succeeded();
        assertEquals(Map.of(
                        "dev.rill.sample.RillColorCount", List.of("dev.rill.sample.ColorCount"),
                        "p.RillOuter_Inner", List.of("p.Outer.Inner"),
                        "p.RillOuter_Other", List.of("p.Outer.Other")),
                origins);
        assertEquals(3, compilation.generatedSourceFiles().size());
    }

    /** A Filer that records each source file's originating elements (as qualified names) before creating it. */
    private static Filer recording(Filer real, Map<String, List<String>> origins) {
        return new Filer() {
            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
                List<String> names = new ArrayList<>();
                for (Element e : originatingElements) {
                    names.add(((TypeElement) e).getQualifiedName().toString());
                }
                assertEquals(null, origins.put(name.toString(), names), "written twice: " + name);
                return real.createSourceFile(name, originatingElements);
            }

            @Override
            public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
                throw new AssertionError("Rill writes no class files: " + name);
            }

            @Override
            public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName, Element... originatingElements) throws IOException {
                throw new AssertionError("Rill writes no resources: " + relativeName);
            }

            @Override
            public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName) throws IOException {
                return real.getResource(location, moduleAndPkg, relativeName);
            }
        };
    }
}
