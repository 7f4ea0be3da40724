package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which components of a record made right before an exchange cross it: only those the stages
 * after it read, when the processor can see that nothing else could look at the rest (every
 * receiving stage calls only implicit accessors on it and cannot be overridden, and the record
 * has the implicit canonical constructor); all of them otherwise. Integration tests
 * ({@code ShippedComponentsTest} there) check the values that arrive and the failure messages.
 */
class ShippedComponentsTest {
    private static final String RECORD = "public record Ev(long id, String name, double x) {}";
    private static final String SOURCE = "@Source public void events(Emitter<Ev> out) { out.emit(new Ev(1, \"a\", 2)); }";
    private static final String INT_KEY = "@KeyBy public int key(Ev e) { return (int) e.id(); }";
    private static final String INT_SINK = "@Sink public void out(int k, double v) {}";
    private static final String ALL = "crosses as its components";
    private static final String CUT = "crosses as the components the stages after the exchange read";

    /** {@code p.<name>}: a {@code @Pipeline(parallelism = 2)} class declared {@code final} unless said, with {@code members}. */
    private static String generate(String name, boolean isFinal, String record, String... stages) {
        List<String> lines = new ArrayList<>(List.of("package p;", "import dev.rill.annotation.*;",
                "import dev.rill.runtime.*;", "@Pipeline(parallelism = 2)",
                "public " + (isFinal ? "final " : "") + "class " + name + " {", "  " + record));
        for (String stage : stages) {
            lines.add("  " + stage);
        }
        lines.add("}");
        Compilation compilation = Compilations.compile(Compilations.source("p." + name, lines.toArray(String[]::new)));
        assertThat(compilation).succeededWithoutWarnings();
        return Compilations.generated(compilation, "p.Rill" + name);
    }

    private static String generate(String name, String... stages) {
        return generate(name, true, RECORD, stages);
    }

    @Test
    void onlyTheComponentsTheAggregateReadsCrossAndTheRestArePlaceholders() {
        String code = generate("Cut", SOURCE, INT_KEY,
                "@Aggregate public double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(code.contains(CUT), code);
        // describe() and the plan comment say what crosses
        assertTrue(code.contains("+ \"  key [key by] => hash to sum (only x of Ev crosses)\\n\""), code);
        assertTrue(code.contains("batch.longs[2 * row + 1] = Double.doubleToRawLongBits(element.x());"), code);
        assertFalse(code.contains("element.id()") || code.contains("element.name()"), code);
        // no reference ships, so a null record is marked in the batch's null rows, and the row
        // has no reference slot at all
        assertTrue(code.contains("batch.markNullRecord(row);"), code);
        assertTrue(code.contains("job.exchange(2, 2, 0, 2, "), code);
        assertTrue(code.contains("boolean[] nullRecords = batch.nullRecords();"), code);
        assertTrue(code.contains("nullRecords != null && nullRecords[row] ? null : new Cut.Ev(0L, (String) null, "
                + "Double.longBitsToDouble(longs[2 * row + 1]))"), code);
        // a failure names what crossed, not the placeholders
        assertTrue(code.contains("throw failure(\"sum\", element == null ? \"null\" : asShipped(element.x()), t);"), code);
        assertTrue(code.contains("private static String asShipped(double x) {"), code);
        assertTrue(code.contains("return \"Ev[x=\" + x + \"] (id, name not shipped: no stage after the exchange reads them)\";"),
                code);
    }

    @Test
    void aPipelineClassThatIsNotFinalShipsEverything() {
        // a subclass could override sum and read id
        String code = generate("Open", false, RECORD, SOURCE, INT_KEY,
                "@Aggregate public double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(code.contains(ALL) && !code.contains(CUT), code);
        assertFalse(code.contains(" crosses)"), "the plan names crossing components only where some stay: " + code);
        // the whole record crossed: a failure message shows it rebuilt, as its own toString() prints it
        assertTrue(code.contains("return String.valueOf(new Open.Ev(id, name, x));"), code);
    }

    @Test
    void finalAndStaticStageMethodsInAClassThatIsNotFinalAreCut() {
        String finalMethod = generate("FinalMethod", false, RECORD, SOURCE, INT_KEY,
                "@Aggregate public final double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(finalMethod.contains(CUT), finalMethod);
        String staticMethod = generate("StaticMethod", false, RECORD, SOURCE, INT_KEY,
                "@Aggregate public static double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(staticMethod.contains(CUT), staticMethod);
    }

    @Test
    void anyUseOfTheRecordButAnAccessorCallOrANullCheckShipsEverything() {
        String[] wholeUses = {
            "return s + helper(e);", // passed on
            "return s + e.toString().length();", // toString reads every component
            "return s + (\"\" + e).length();",
            "return s + java.util.Optional.of(1.0).map(v -> v + e.hashCode()).get();",
            "java.util.function.Supplier<String> f = e::name; return s + f.get().length();",
            "return e.equals(new Ev(0, \"\", 0)) ? s : s + 1;",
        };
        for (String body : wholeUses) {
            String code = generate("Whole", SOURCE, INT_KEY,
                    "@Aggregate public double sum(double s, Ev e) { " + body + " }",
                    "static double helper(Ev e) { return e.x(); }", INT_SINK);
            assertTrue(code.contains(ALL) && !code.contains(CUT), body + "\n" + code);
        }
        String nullAware = generate("NullAware", SOURCE, INT_KEY,
                "@Aggregate public double sum(double s, Ev e) { "
                        + "java.util.function.DoubleSupplier later = () -> e.x(); return e == null ? s : s + later.getAsDouble(); }",
                INT_SINK);
        assertTrue(nullAware.contains(CUT) && nullAware.contains("element.x()") && !nullAware.contains("element.name()"),
                nullAware);
    }

    @Test
    void aRecordThatDeclaresTheAccessorOrAConstructorShipsEverything() {
        // the declared accessor may read other components
        String accessor = generate("Accessor", true,
                "public record Ev(long id, String name, double x) { public double x() { return x + id; } }",
                SOURCE, INT_KEY, "@Aggregate public double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(accessor.contains(ALL), accessor);
        // placeholders would meet the constructor's checks
        String compact = generate("Compact", true,
                "public record Ev(long id, String name, double x) { public Ev { java.util.Objects.requireNonNull(name); } }",
                SOURCE, INT_KEY, "@Aggregate public double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(compact.contains(ALL), compact);
        // another declared accessor does not stop the cut
        String other = generate("OtherAccessor", true,
                "public record Ev(long id, String name, double x) { public String name() { return name.trim(); } }",
                SOURCE, INT_KEY, "@Aggregate public double sum(double s, Ev e) { return s + e.x(); }", INT_SINK);
        assertTrue(other.contains(CUT), other);
    }

    @Test
    void whatAFilterPassesOnIsReadByTheStagesAfterItToo() {
        String code = generate("Passed", SOURCE,
                "@Sink(parallelism = 3) @Rebalance public void out(Ev e) { System.out.println(e.name()); }");
        assertTrue(code.contains(CUT) && code.contains("batch.refs[row] = element.name();"), code);

        String passed = generate("Filtered", SOURCE,
                "@Filter(parallelism = 3) public boolean keep(Ev e) { return e.id() > 0; }",
                "@Sink(parallelism = 3) public void out(Ev e) { System.out.println(e.name()); }");
        assertTrue(passed.contains(CUT) && passed.contains("element.id()") && passed.contains("element.name()")
                && !passed.contains("element.x()"), passed);
        assertTrue(passed.contains("events [source] => rebalance to keep (only id, name of Ev cross)"), passed);
        assertTrue(passed.contains("throw failure(\"keep\", element == null ? \"null\" : asShipped(element.id(), element.name()), t);"),
                passed);
        assertTrue(passed.contains("throw failure(\"out\", element == null ? \"null\" : asShipped(element.id(), element.name()), t);"),
                passed);

        // past the filter the record goes on into another exchange, which needs all of it
        String onward = generate("Onward", SOURCE,
                "@Filter(parallelism = 3) public boolean keep(Ev e) { return e.id() > 0; }",
                "@Sink(parallelism = 1) public void out(Ev e) { }");
        assertTrue(onward.contains(ALL) && !onward.contains(CUT), onward);
    }

    @Test
    void aKeyTakenAgainDownstreamIsReadThereAndAReduceKeepsTheWholeRecord() {
        String rekeyed = generate("Rekeyed", SOURCE,
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Aggregate public long count(long c, Ev e) { return c + 1; }",
                "@Sink public void out(String k, long c) {}");
        assertTrue(rekeyed.contains(CUT) && rekeyed.contains("batch.refs[row] = element.name();")
                && !rekeyed.contains("element.id()"), rekeyed);
        assertTrue(rekeyed.contains("key = pipeline.key(element);"), rekeyed);
        assertTrue(rekeyed.contains("throw foreignKey(key, key.hashCode(), MAX_PARALLELISM, \"key\", element == null ? \"null\" : asShipped(element.name()));"),
                rekeyed);

        String nothing = generate("NothingRead", SOURCE, INT_KEY,
                "@Aggregate public long count(long c, Ev e) { return c + 1; }",
                "@Sink public void out(int k, long c) {}");
        assertTrue(nothing.contains("no stage after the exchange reads a component of NothingRead.Ev"), nothing);
        assertTrue(nothing.contains("key [key by] => hash to count (no component of Ev crosses)"), nothing);
        assertTrue(nothing.contains("return \"Ev[] (id, name, x not shipped: no stage after the exchange reads them)\";"), nothing);

        String reduce = generate("Reduced", SOURCE, INT_KEY,
                "@Reduce public Ev latest(Ev a, Ev b) { return b; }",
                "@Sink(parallelism = 1) public void out(int k, Ev e) {}");
        assertTrue(reduce.contains(ALL) && !reduce.contains(CUT), reduce);
    }

    @Test
    void aRecordThatPassedAFilterCrossesAsItsComponentWhenOnlyOneIsRead() {
        // not made right before the exchange, so likely allocated anyway; one component is no
        // wider than the reference, and the record need not escape
        String one = generate("OneRead", SOURCE,
                "@Filter public boolean keep(Ev e) { return e.id() > 0; }",
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Aggregate public long count(long c, Ev e) { return c + 1; }",
                "@Sink public void out(String k, long c) {}");
        assertTrue(one.contains(CUT) && one.contains("batch.refs[row] = element.name();"), one);
        assertTrue(one.contains("new OneRead.Ev(0L, (String) refs[row], 0.0)"), one);
        // two components would be wider than the reference: it stays one
        String two = generate("TwoRead", SOURCE,
                "@Filter public boolean keep(Ev e) { return e.id() > 0; }",
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Aggregate public double sum(double s, Ev e) { return s + e.x(); }",
                "@Sink public void out(String k, double s) {}");
        assertFalse(two.contains(CUT) || two.contains(ALL), two);
        assertTrue(two.contains("batch.refs[row] = element;"), two);
        // one component, but a constructor of the user's that a rebuild would run again: as before, the record itself
        String own = generate("OwnConstructor", true, "public record One(String name) { public One { name = name.trim(); } }",
                "@Source public void events(Emitter<One> out) { out.emit(new One(\"a\")); }",
                "@Filter public boolean keep(One e) { return !e.name().isEmpty(); }",
                "@KeyBy public String key(One e) { return e.name(); }",
                "@Aggregate public long count(long c, One e) { return c + 1; }",
                "@Sink public void out(String k, long c) {}");
        assertFalse(own.contains(CUT) || own.contains(ALL), own);
        assertTrue(own.contains("batch.refs[row] = element;"), own);
    }

    @Test
    void aRecordFromAClassFileShipsEverything(@TempDir Path dir) throws IOException {
        // compiled apart, the record no longer says which members it declared
        Path src = Files.createDirectories(dir.resolve("src/q"));
        Files.writeString(src.resolve("Ev.java"), "package q; public record Ev(long id, String name, double x) {}");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), src.resolve("Ev.java").toString());
        assertTrue(status == 0, "record compiled");
        List<File> classpath = new ArrayList<>();
        classpath.add(classes.toFile());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(new File(entry));
        }
        Compilation compilation = javac().withProcessors(new RillProcessor()).withClasspath(classpath)
                .compile(Compilations.source("p.FromJar", "package p;", "import dev.rill.annotation.*;",
                        "import dev.rill.runtime.*;", "import q.Ev;", "@Pipeline(parallelism = 2)", "public final class FromJar {",
                        "  " + SOURCE, "  " + INT_KEY,
                        "  @Aggregate public double sum(double s, Ev e) { return s + e.x(); }", "  " + INT_SINK, "}"));
        assertThat(compilation).succeededWithoutWarnings();
        String code = Compilations.generated(compilation, "p.RillFromJar");
        assertTrue(code.contains(ALL) && !code.contains(CUT), code);
    }
}
