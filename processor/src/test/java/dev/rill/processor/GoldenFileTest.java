package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The source generated for the seed pipeline, compared line for line with a reviewed golden
 * file, so any change to generated code shows up in review.
 *
 * <p>To refresh the golden file after an intended change, run from the repository root:
 * <pre>mvn -q -pl processor -am test -Dtest=GoldenFileTest -Dsurefire.failIfNoSpecifiedTests=false -Drill.updateGolden=true</pre>
 * and read the diff before committing it.
 */
class GoldenFileTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/RillColorCount.java");

    @Test
    void seedPipelineGeneratesTheReviewedSource() throws IOException {
        Compilation compilation = Compilations.compile(
                Compilations.resource("dev.rill.sample.Event", "Event.java"),
                Compilations.resource("dev.rill.sample.ColorCount", "ColorCount.java"));
        assertThat(compilation).succeededWithoutWarnings();
        String actual = Compilations.generated(compilation, "dev.rill.sample.RillColorCount");
        if (Boolean.getBoolean("rill.updateGolden")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual,
                "generated code changed; if intended, refresh the golden file (see this test's Javadoc)");
    }
}
