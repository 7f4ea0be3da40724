package dev.rill.processor;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What Rill adds to a build: javac time for 100 pipeline classes (the seed pipeline, renamed and
 * varied) without the processor ({@code -proc:none}) and with it (checking, generating and
 * compiling the 100 generated classes). javac runs in this JVM, warmed up first as in a Gradle
 * daemon or an IDE, and each figure is the median of several runs. javac compiles on the calling
 * thread, so the figures are that thread's CPU time, which other load on a shared machine
 * inflates far less than wall time (printed too).
 *
 * <p>Not a test: run it with {@code processor/compile-cost.sh} from the repository root.
 */
public final class CompileCost {
    private static final int PIPELINES = 100;
    private static long wall;

    public static void main(String[] args) throws IOException {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("rill-compile-cost");
        List<Path> sources = writeSources(dir.resolve("src"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

        for (int i = 0; i < warmups; i++) {
            compile(javac, sources, dir, false);
            compile(javac, sources, dir, true);
        }
        wall = 0;
        long[] without = new long[runs];
        long[] with = new long[runs];
        long[] generatedOnly = new long[runs];
        for (int i = 0; i < runs; i++) {
            without[i] = compile(javac, sources, dir, false);
            with[i] = compile(javac, sources, dir, true);
            generatedOnly[i] = compileGenerated(javac, sources, dir);
        }
        double plain = median(without) / 1e6;
        double rill = median(with) / 1e6;
        System.out.printf("javac, %d pipeline classes, CPU time, median of %d runs after %d warm-ups (%d cores, load %.1f):%n",
                PIPELINES, runs, warmups, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("  without Rill (-proc:none): %7.0f ms  (%.1f ms per pipeline)%n", plain, plain / PIPELINES);
        System.out.printf("  with Rill:                 %7.0f ms  (%.1f ms per pipeline)%n", rill, rill / PIPELINES);
        System.out.printf("  Rill's cost:               %7.0f ms  (%.1f ms per pipeline: check, generate, compile generated)%n",
                rill - plain, (rill - plain) / PIPELINES);
        double generated = median(generatedOnly) / 1e6;
        System.out.printf("    of which compiling the generated classes: %.0f ms (%.1f ms per pipeline), the processor itself: %.0f ms (%.1f ms per pipeline)%n",
                generated - plain, (generated - plain) / PIPELINES, rill - generated, (rill - generated) / PIPELINES);
        System.out.printf("  (wall time of all %d measured compilations: %.0f ms)%n", 4 * runs, wall / 1e6);
    }

    private static List<Path> writeSources(Path src) throws IOException {
        Path pkg = Files.createDirectories(src.resolve("bench"));
        List<Path> files = new ArrayList<>();
        Path event = pkg.resolve("Event.java");
        Files.writeString(event, "package bench;\npublic record Event(long id, String color, int value) { }\n");
        files.add(event);
        for (int i = 0; i < PIPELINES; i++) {
            String name = "Count" + i;
            Path file = pkg.resolve(name + ".java");
            Files.writeString(file, """
                    package bench;

                    import dev.rill.annotation.*;
                    import dev.rill.runtime.Emitter;
                    import dev.rill.runtime.SourceContext;

                    @Pipeline(parallelism = %d)
                    public class %s {
                        @Source
                        public void events(SourceContext ctx, Emitter<Event> out) {
                            for (long i = ctx.subtaskIndex(); i < 1_000; i += ctx.parallelism()) {
                                out.emit(new Event(i, i %% 2 == 0 ? "red" : "orange", (int) i));
                            }
                        }

                        @Filter
                        public boolean notOrange(Event e) { return !e.color().equals("orange"); }

                        @KeyBy
                        public String color(Event e) { return e.color(); }

                        @Aggregate
                        public long count(long count, Event e) { return count + %d; }

                        @Sink(parallelism = 1)
                        public void results(String color, long count) { }
                    }
                    """.formatted(1 + i % 3, name, 1 + i % 5), StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    /** One javac run over all sources; returns its wall time in ns. */
    private static long compile(JavaCompiler javac, List<Path> sources, Path dir, boolean withRill) throws IOException {
        Path out = Files.createDirectories(dir.resolve(withRill ? "classes-rill" : "classes-plain"));
        Path gen = Files.createDirectories(dir.resolve("generated"));
        clean(out);
        clean(gen);
        StringWriter log = new StringWriter();
        List<String> options = new ArrayList<>(Arrays.asList("-d", out.toString(), "-s", gen.toString(),
                "-classpath", System.getProperty("java.class.path"), "-implicit:none"));
        if (!withRill) {
            options.add("-proc:none");
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(log, fm, null, options, null,
                    fm.getJavaFileObjectsFromPaths(sources));
            if (withRill) {
                task.setProcessors(List.<Processor>of(new RillProcessor()));
            }
            if (!task.call()) {
                throw new IllegalStateException("compilation failed:\n" + log);
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - startCpu;
        wall += System.nanoTime() - start;
        long time = cpu;
        if (withRill && !Files.exists(out.resolve("bench/RillCount0.class"))) {
            throw new IllegalStateException("Rill generated nothing:\n" + log);
        }
        return time;
    }

    /** The user's sources and the generated ones, compiled without the processor: what the generated code alone costs. */
    private static long compileGenerated(JavaCompiler javac, List<Path> sources, Path dir) throws IOException {
        compile(javac, sources, dir, true);
        List<Path> all = new ArrayList<>(sources);
        try (var generated = Files.walk(dir.resolve("generated"))) {
            generated.filter(p -> p.toString().endsWith(".java")).map(p -> copy(p, dir)).forEach(all::add);
        }
        return compile(javac, all, dir, false);
    }

    private static Path copy(Path generated, Path dir) {
        try {
            Path copy = Files.createDirectories(dir.resolve("generated-copy")).resolve(generated.getFileName());
            return Files.copy(generated, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void clean(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
