package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The code a pre-aggregating source chain gets (integration tests check what it computes):
 * a record element goes to the combiner as its components, and the method taking them stays
 * over HotSpot's FreqInlineSize, so that the JIT never inlines it into the source's chain and
 * the source's loop need not allocate the record (see {@code PreAggregationWriter.addCombiner}).
 */
class PreAggregationTest {
    /** HotSpot's default FreqInlineSize (JDK 17 to 25): hot callees with more bytecode are not inlined. */
    private static final int FREQ_INLINE_SIZE = 325;

    /** The smallest pre-aggregation there is: a one-component record, an int key, a tumbling count. */
    private static Compilation smallest() {
        return Compilations.compile(Compilations.source("p.Tiny",
                "package p;",
                "import dev.rill.annotation.*;",
                "import dev.rill.runtime.*;",
                "@Pipeline(parallelism = 2)",
                "public class Tiny {",
                "  public record Tick(int t) {}",
                "  @Source public void ticks(Emitter<Tick> out) { out.emit(new Tick(1)); }",
                "  @EventTime public long time(Tick t) { return t.t(); }",
                "  @KeyBy public int key(Tick t) { return t.t(); }",
                "  @Aggregate(merge = \"sum\") @Window(size = 10) public long count(long c, Tick t) { return c + 1; }",
                "  static long sum(long a, long b) { return a + b; }",
                "  @Sink(parallelism = 1) public void out(int k, long c, TimeWindow w) {}",
                "}"));
    }

    @Test
    void aRecordGoesToTheCombinerAsItsComponentsAndIsRebuiltThere() {
        Compilation compilation = smallest();
        assertThat(compilation).succeededWithoutWarnings();
        String code = Compilations.generated(compilation, "p.RillTiny");
        assertTrue(code.contains("combineKeyToCountParts(key, element.t());"), code);
        assertTrue(code.contains("Tiny.Tick element = new Tiny.Tick(elementT);"), code);
        // a null element takes the method that gets the element itself
        assertTrue(code.contains("combineKeyToCount(key, element);"), code);
    }

    @Test
    void theMethodTakingTheComponentsIsTooLargeForHotSpotToInline() throws IOException {
        int size = lastInstructionOffset(classBytes(smallest(), "p/RillTiny$TicksChain.class"), "combineKeyToCountParts");
        assertTrue(size >= FREQ_INLINE_SIZE, "combineKeyToCountParts has " + size + " bytes of bytecode, not over "
                + FREQ_INLINE_SIZE + ": the JIT may inline it into the source's chain, which then allocates every element");
    }

    private static byte[] classBytes(Compilation compilation, String path) throws IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith("/" + path)) {
                try (InputStream in = file.openInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("no class file " + path + " in " + compilation.generatedFiles());
    }

    /** The offset of the method's last instruction, from {@code javap -c -p}: a lower bound of its bytecode size. */
    private static int lastInstructionOffset(byte[] classFile, String method) throws IOException {
        Path dir = Files.createTempDirectory("rill-javap");
        Path file = dir.resolve("Chain.class");
        Files.write(file, classFile);
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", file.toString());
        Files.delete(file);
        Files.delete(dir);
        assertTrue(status == 0, out.toString());
        List<String> lines = out.toString().lines().toList();
        int last = -1;
        boolean inMethod = false;
        Pattern instruction = Pattern.compile("^\\s+(\\d+): [a-z]");
        for (String line : lines) {
            if (line.matches("^  \\S.*\\(.*\\).*;$") || line.matches("^  \\S.*\\(.*\\).*\\{?$")) {
                inMethod = line.contains(" " + method + "(");
                continue;
            }
            Matcher m = instruction.matcher(line);
            if (inMethod && m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        assertTrue(last >= 0, "no method " + method + " in\n" + out);
        return last;
    }
}
