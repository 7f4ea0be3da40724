package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Whatever goes wrong inside Rill becomes one error on the pipeline class, saying Rill failed
 * and what it was doing; javac itself never sees an exception.
 */
class ProcessorFailureTest {
    private static final String BODY = """
              @Source public void events(Emitter<String> out) { }
              @Sink public void print(String s) { }
            """;

    /** Any exception, not only I/O, is caught: here the Filer throws an unchecked one. */
    @Test
    void unexpectedExceptionIsOneErrorOnThePipelineClass() {
        JavaFileObject source = DiagnosticCases.pipeline(BODY);
        Compilation compilation = javac().withProcessors(new WrappedProcessor(real -> new Filer() {
            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
                return real.createClassFile(name, originatingElements);
            }

            @Override
            public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName, Element... originatingElements) throws IOException {
                return real.createResource(location, moduleAndPkg, relativeName, originatingElements);
            }

            @Override
            public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                    CharSequence relativeName) throws IOException {
                return real.getResource(location, moduleAndPkg, relativeName);
            }
        })).compile(source);
        assertThat(compilation).failed();
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
        assertThat(compilation).hadErrorContaining(
                "[Rill/Internal] Rill failed while saving the generated class of pipeline p.P: "
                        + "java.lang.IllegalStateException: disk on fire. This is a bug in Rill; please report it with this class")
                .inFile(source).onLine(4).atColumn("@Pipeline public ".length() + 1);
    }
}
