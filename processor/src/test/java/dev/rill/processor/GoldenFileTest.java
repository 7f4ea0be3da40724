package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source generated for two reviewed pipelines, compared line for line with golden files,
 * so any change to generated code shows up in review: the seed pipeline (SPEC section 2) and a
 * pre-aggregated window count (SPEC section 6 with {@code @Aggregate(merge)}).
 *
 * <p>To refresh the golden files after an intended change, run from the repository root:
 * <pre>mvn -q -pl processor -am test -Dtest=GoldenFileTest -Dsurefire.failIfNoSpecifiedTests=false -Drill.updateGolden=true</pre>
 * and read the diff before committing it.
 */
class GoldenFileTest {

    @ParameterizedTest
    @ValueSource(strings = {"ColorCount", "WindowCount"})
    void pipelineGeneratesTheReviewedSource(String pipeline) throws IOException {
        Path golden = Path.of("src/test/resources/golden/Rill" + pipeline + ".java");
        Compilation compilation = Compilations.compile(
                Compilations.resource("dev.rill.sample.Event", "Event.java"),
                Compilations.resource("dev.rill.sample." + pipeline, pipeline + ".java"));
        assertThat(compilation).succeededWithoutWarnings();
        String actual = Compilations.generated(compilation, "dev.rill.sample.Rill" + pipeline);
        if (Boolean.getBoolean("rill.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "generated code changed; if intended, refresh the golden file (see this test's Javadoc)");
    }
}
