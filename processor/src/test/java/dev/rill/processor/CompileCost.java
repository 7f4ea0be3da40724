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
 * daemon or an IDE, and each figure is the median of several runs.
 *
 * <p>Not a test: run it with {@code processor/compile-cost.sh} from the repository root.
 */
public final class CompileCost {
    private static final int PIPELINES = 100;

    public static void main(String[] args) throws IOException {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory("rill-compile-cost");
        List<Path> sources = writeSources(dir.resolve("src"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

        for (int i = 0; i < warmups; i++) {
            compile(javac, sources, dir, false);
            compile(javac, sources, dir, true);
        }
        long[] without = new long[runs];
        long[] with = new long[runs];
        for (int i = 0; i < runs; i++) {
            without[i] = compile(javac, sources, dir, false);
            with[i] = compile(javac, sources, dir, true);
        }
        double plain = median(without) / 1e6;
        double rill = median(with) / 1e6;
        System.out.printf("javac, %d pipeline classes, median of %d runs after %d warm-ups (%d cores):%n",
                PIPELINES, runs, warmups, Runtime.getRuntime().availableProcessors());
        System.out.printf("  without Rill (-proc:none): %7.0f ms  (%.1f ms per pipeline)%n", plain, plain / PIPELINES);
        System.out.printf("  with Rill:                 %7.0f ms  (%.1f ms per pipeline)%n", rill, rill / PIPELINES);
        System.out.printf("  Rill's cost:               %7.0f ms  (%.1f ms per pipeline: check, generate, compile generated)%n",
                rill - plain, (rill - plain) / PIPELINES);
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
        long time = System.nanoTime() - start;
        if (withRill && !Files.exists(out.resolve("bench/RillCount0.class"))) {
            throw new IllegalStateException("Rill generated nothing:\n" + log);
        }
        return time;
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
