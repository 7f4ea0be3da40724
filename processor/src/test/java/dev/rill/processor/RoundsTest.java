package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A pipeline whose element type another annotation processor generates in the same build: Rill
 * defers it by name until the type exists, and reports it unresolved only if it never does.
 */
class RoundsTest {
    private static final JavaFileObject PIPELINE = DiagnosticCases.pipeline("""
              @Source public void events(Emitter<Item> out) { out.emit(new Item("a", 1)); }
              @KeyBy public String name(Item i) { return i.name(); }
              @Aggregate public long total(long t, Item i) { return t + i.size(); }
              @Sink public void print(String name, long total) { }
            """);

    /** Generates {@code p.Item} in the first round, as a separate code generator in the user's build would. */
    @SupportedAnnotationTypes("*")
    static final class ItemGenerator extends AbstractProcessor {
        private final int delayRounds;
        private int round;

        ItemGenerator(int delayRounds) {
            this.delayRounds = delayRounds;
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
            String name = round < delayRounds ? "p.Filler" + round : round == delayRounds ? "p.Item" : null;
            round++;
            if (name != null && !env.processingOver()) {
                String simple = name.substring(2);
                String body = simple.equals("Item") ? "public record Item(String name, int size) { }" : "class " + simple + " { }";
                try {
                    JavaFileObject file = processingEnv.getFiler().createSourceFile(name);
                    try (Writer w = file.openWriter()) {
                        w.write("package p;\n" + body + "\n");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void elementTypeGeneratedByAnotherProcessorInTheFirstRound() {
        Compilation compilation = javac().withProcessors(new ItemGenerator(0), new RillProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror").compile(PIPELINE);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("p.RillP");
    }

    @Test
    void elementTypeGeneratedSeveralRoundsLater() {
        Compilation compilation = javac().withProcessors(new RillProcessor(), new ItemGenerator(2)).compile(PIPELINE);
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("p.RillP");
    }

    @Test
    void typeThatNeverAppearsIsReportedOnceInTheLastRound() {
        Compilation compilation = Compilations.compileLenient(PIPELINE);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(
                "[Rill/Unresolved] events(Emitter<Item>) uses Item, which could not be resolved").inFile(PIPELINE).onLine(5);
        assertEquals(1, DiagnosticsTest.rillDiagnostics(compilation).size(), () -> compilation.diagnostics().toString());
    }
}
