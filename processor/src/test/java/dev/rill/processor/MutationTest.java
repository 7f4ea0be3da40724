package dev.rill.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Feeds a few hundred mutants of four valid pipelines (wrong types, missing or doubled
 * annotations, shuffled parameters, removed methods, bad {@code @From} names, odd parallelism...)
 * to the processor, with a fixed random seed so a failure reproduces. For every mutant: no
 * exception escapes javac, Rill never reports an internal failure, and when Rill accepts the
 * pipeline (no Rill error) the code it generates compiles without error.
 *
 * <p>Method bodies are derived from the signatures ({@code return null}, {@code 0}, {@code false})
 * so that the user's code always compiles and any error is Rill's or the generated code's.
 * Mutants are compiled in batches to keep the test fast: first all of them, to see which Rill
 * accepts; then the accepted ones alone, since javac stops before checking generated code once a
 * processor has reported an error.
 */
class MutationTest {
    private static final long SEED = 20261129L;
    private static final int MUTANTS = 300;
    private static final int BATCH = 60;

    private static final String EVENT = """
            package p;
            public record Event(String color, int value, long time) { }
            """;

    private static final List<String> TYPES = List.of("String", "Integer", "int", "long", "double", "boolean",
            "Event", "Object", "List<String>", "char[]", "Keyed<String, Long>", "Keyed<Integer, Integer>",
            "Emitter<String>", "Emitter<Event>", "Emitter<Integer>", "SourceContext", "T");
    private static final List<String> STAGES = List.of("Source", "Filter", "Transform", "FlatMap", "KeyBy",
            "Aggregate", "Reduce", "Sink");

    /** One method of a pipeline class, as the mutator sees it. */
    private static final class Method {
        List<String> annotations = new ArrayList<>();
        List<String> modifiers = new ArrayList<>(List.of("public"));
        boolean generic;
        String returnType;
        String name;
        List<String[]> parameters = new ArrayList<>();

        Method copy() {
            Method m = new Method();
            m.annotations = new ArrayList<>(annotations);
            m.modifiers = new ArrayList<>(modifiers);
            m.generic = generic;
            m.returnType = returnType;
            m.name = name;
            for (String[] p : parameters) {
                m.parameters.add(p.clone());
            }
            return m;
        }

        String render() {
            StringBuilder sb = new StringBuilder("  ");
            annotations.forEach(a -> sb.append(a).append(' '));
            modifiers.forEach(m -> sb.append(m).append(' '));
            sb.append(generic ? "<T> " : "").append(returnType).append(' ').append(name).append('(');
            for (int i = 0; i < parameters.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(parameters.get(i)[0]).append(' ').append(parameters.get(i)[1]);
            }
            return sb.append(") ").append(body()).toString();
        }

        private String body() {
            return switch (returnType) {
                case "void" -> "{ }";
                case "boolean" -> "{ return false; }";
                case "int", "long", "double", "char", "short", "byte", "float" -> "{ return 0; }";
                default -> "{ return null; }";
            };
        }
    }

    private static Method m(String annotations, String returnType, String name, String... parameters) {
        Method m = new Method();
        if (!annotations.isEmpty()) {
            m.annotations.addAll(List.of(annotations.split(" (?=@)")));
        }
        m.returnType = returnType;
        m.name = name;
        for (String p : parameters) {
            int space = p.lastIndexOf(' ');
            m.parameters.add(new String[] {p.substring(0, space), p.substring(space + 1)});
        }
        return m;
    }

    private record Seed(String pipeline, List<Method> methods) {
    }

    private static List<Seed> seeds() {
        return List.of(
                new Seed("@Pipeline(parallelism = 2)", List.of(
                        m("@Source", "void", "events", "SourceContext ctx", "Emitter<Event> out"),
                        m("@Filter", "boolean", "notOrange", "Event e"),
                        m("@KeyBy", "String", "color", "Event e"),
                        m("@Aggregate", "long", "count", "long count", "Event e"),
                        m("@Sink(parallelism = 1)", "void", "results", "String color", "long count"))),
                new Seed("@Pipeline", List.of(
                        m("@Source", "void", "words", "Emitter<String> out"),
                        m("@FlatMap", "void", "split", "String line", "Emitter<String> out"),
                        m("@Transform", "int", "length", "String w"),
                        m("@KeyBy", "int", "bucket", "int n"),
                        m("@Reduce", "int", "max", "int a", "int b"),
                        m("@Sink", "void", "print", "Keyed<Integer, Integer> kv"))),
                new Seed("@Pipeline(parallelism = 3, maxParallelism = 16)", List.of(
                        m("@Source", "void", "a", "Emitter<Integer> out"),
                        m("@Source(parallelism = 2)", "void", "b", "Emitter<Integer> out"),
                        m("@Filter @From({\"a\", \"b\"})", "boolean", "positive", "Integer i"),
                        m("@Sink @Rebalance", "void", "all", "Integer i"),
                        m("@Transform @From(\"positive\")", "double", "half", "Integer i"),
                        m("@Sink @Broadcast", "void", "halves", "double d"))),
                new Seed("@Pipeline", List.of(
                        m("@Source", "void", "events", "Emitter<Event> out"),
                        m("@KeyBy", "int", "value", "Event e"),
                        m("@Aggregate(initial = \"empty\")", "List<String>", "colors", "List<String> acc", "Event e"),
                        m("", "List<String>", "empty"),
                        m("@Sink(parallelism = 3)", "void", "print", "int v", "List<String> c"))));
    }

    /** One random change to a pipeline; some apply to the class annotation, most to one method. */
    private static String mutate(Random random, List<Method> methods, String pipeline) {
        if (methods.isEmpty()) {
            return pipeline;
        }
        Method target = methods.get(random.nextInt(methods.size()));
        List<String> names = methods.stream().map(x -> x.name).toList();
        switch (random.nextInt(17)) {
            case 0 -> {
                if (!target.parameters.isEmpty()) {
                    target.parameters.get(random.nextInt(target.parameters.size()))[0] = pick(random, TYPES);
                }
            }
            case 1 -> target.returnType = random.nextInt(4) == 0 ? "void" : pick(random, TYPES);
            case 2 -> methods.remove(target);
            case 3 -> {
                Method twin = target.copy();
                twin.name = target.name + "Again";
                methods.add(random.nextInt(methods.size() + 1), twin);
            }
            case 4 -> target.annotations.add(0, "@" + pick(random, STAGES));
            case 5 -> target.annotations.removeIf(a -> STAGES.contains(simpleName(a)));
            case 6 -> {
                target.annotations.removeIf(a -> STAGES.contains(simpleName(a)));
                target.annotations.add(0, "@" + pick(random, STAGES));
            }
            case 7 -> Collections.shuffle(target.parameters, random);
            case 8 -> Collections.swap(methods, random.nextInt(methods.size()), random.nextInt(methods.size()));
            case 9 -> {
                target.annotations.removeIf(a -> a.startsWith("@From"));
                String name = random.nextInt(3) == 0 ? "nowhere" : pick(random, names);
                target.annotations.add(random.nextBoolean() ? "@From(\"" + name + "\")"
                        : "@From({\"" + name + "\", \"" + pick(random, names) + "\"})");
            }
            case 10 -> {
                int p = random.nextInt(5) - 1;
                target.annotations.replaceAll(a -> withParallelism(a, p));
            }
            case 11 -> target.annotations.add(random.nextBoolean() ? "@Rebalance" : "@Broadcast");
            case 12 -> target.modifiers = new ArrayList<>(List.of(
                    pick(random, List.of("private", "public", "protected", "public static", "static")).split(" ")));
            case 13 -> target.generic = !target.generic;
            case 14 -> {
                return "@Pipeline(parallelism = " + (random.nextInt(4) - 1) + ", maxParallelism = " + (random.nextInt(5) + 1) + ")";
            }
            case 15 -> {
                if (random.nextBoolean() && !target.parameters.isEmpty()) {
                    target.parameters.remove(random.nextInt(target.parameters.size()));
                } else {
                    target.parameters.add(random.nextInt(target.parameters.size() + 1),
                            new String[] {pick(random, TYPES), "extra" + target.parameters.size()});
                }
            }
            default -> {
                // doubled annotation: the same one twice (a Java error) or the same stage kind in another spelling
                if (!target.annotations.isEmpty()) {
                    target.annotations.add(target.annotations.get(0));
                }
            }
        }
        return pipeline;
    }

    private static String withParallelism(String annotation, int p) {
        String name = simpleName(annotation);
        if (!STAGES.contains(name) || name.equals("KeyBy")) {
            return annotation;
        }
        if (annotation.contains("parallelism = ")) {
            return annotation.replaceAll("parallelism = -?\\d+", "parallelism = " + p);
        }
        return annotation.contains("(") ? annotation.replace("(", "(parallelism = " + p + ", ")
                : annotation + "(parallelism = " + p + ")";
    }

    private static String simpleName(String annotation) {
        return annotation.substring(1).split("\\(")[0];
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String render(String className, String pipeline, List<Method> methods) {
        StringBuilder sb = new StringBuilder("""
                package p;
                import dev.rill.annotation.*;
                import dev.rill.runtime.*;
                import java.util.List;
                """);
        sb.append(pipeline).append(" public class ").append(className).append(" {\n");
        methods.forEach(m -> sb.append(m.render()).append('\n'));
        return sb.append("}\n").toString();
    }

    /** The mutants, by class name: each seed as is, then random mutants of random seeds. */
    static Map<String, String> mutants() {
        Random random = new Random(SEED);
        List<Seed> seeds = seeds();
        Map<String, String> mutants = new LinkedHashMap<>();
        for (int i = 0; i < MUTANTS; i++) {
            Seed seed = seeds.get(i % seeds.size());
            List<Method> methods = new ArrayList<>();
            seed.methods().forEach(x -> methods.add(x.copy()));
            String pipeline = seed.pipeline();
            int changes = i < seeds.size() ? 0 : 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                pipeline = mutate(random, methods, pipeline);
            }
            String name = "M" + i;
            mutants.put(name, render(name, pipeline, methods));
        }
        return mutants;
    }

    @Test
    void noMutantCrashesJavacAndEveryAcceptedOneGeneratesCompilingCode() {
        Map<String, String> mutants = mutants();
        List<String> failures = new ArrayList<>();
        Set<String> accepted = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(mutants.keySet());
        Set<String> invalidJava = new LinkedHashSet<>();
        Set<String> rejected = new LinkedHashSet<>();
        for (int from = 0; from < names.size(); from += BATCH) {
            List<String> batch = new ArrayList<>(names.subList(from, Math.min(names.size(), from + BATCH)));
            // javac runs no processor once a file has a Java error (a doubled annotation, say):
            // take such mutants out and compile the rest again, so Rill sees every valid one
            boolean again = true;
            while (again && !batch.isEmpty()) {
                Set<String> javaErrors = new LinkedHashSet<>();
                Set<String> rillErrors = new LinkedHashSet<>();
                compile(mutants, batch, failures, compilation -> {
                    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
                        (d.getMessage(null).startsWith("[Rill/") ? rillErrors : javaErrors).add(className(d));
                    }
                });
                javaErrors.removeAll(rillErrors); // e.g. javac's own "cannot find symbol" beside [Rill/Unresolved]
                javaErrors.retainAll(batch); // generated code is checked below, once only accepted pipelines are left
                again = batch.removeAll(javaErrors);
                invalidJava.addAll(javaErrors);
                if (!again) {
                    rejected.addAll(rillErrors);
                    batch.stream().filter(n -> !rillErrors.contains(n)).forEach(accepted::add);
                }
            }
        }
        System.out.printf("MutationTest: %d mutants: %d not valid Java, %d rejected by Rill, %d accepted%n",
                mutants.size(), invalidJava.size(), rejected.size(), accepted.size());
        assertTrue(accepted.size() >= mutants.size() / 10, "too few mutants accepted to test generated code: " + accepted);
        assertTrue(accepted.size() <= mutants.size() * 9 / 10, "too few mutants rejected: " + accepted.size());

        // generated code of accepted pipelines; a user-code error (a doubled annotation javac only
        // reports once processing is over) takes its pipeline out of the batch, which runs again
        List<String> todo = new ArrayList<>(accepted);
        for (int attempt = 0; attempt < 5 && !todo.isEmpty(); attempt++) {
            List<String> userErrors = new ArrayList<>();
            List<String> current = todo;
            compile(mutants, current, failures, compilation -> {
                for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
                    String name = className(d);
                    if (name.startsWith("RillM")) {
                        String mutant = name.substring("Rill".length());
                        failures.add(mutant + " was accepted but its generated code does not compile: " + d
                                + "\n" + mutants.get(mutant));
                    } else {
                        userErrors.add(name);
                    }
                }
            });
            todo = userErrors.isEmpty() ? List.of() : current.stream().filter(n -> !userErrors.contains(n)).toList();
        }
        assertEquals(List.of(), failures.stream().limit(5).toList(), () -> failures.size() + " failures");
    }

    /** Compiles the named mutants together; a crash, an internal error or an uncaught exception is a failure. */
    private static void compile(Map<String, String> mutants, List<String> names, List<String> failures,
            Consumer<Compilation> then) {
        List<JavaFileObject> files = new ArrayList<>();
        files.add(Compilations.source("p.Event", EVENT));
        names.forEach(n -> files.add(Compilations.source("p." + n, mutants.get(n))));
        Compilation compilation;
        try {
            compilation = javac().withProcessors(new RillProcessor()).withOptions("-Xmaxerrs", "100000").compile(files);
        } catch (RuntimeException | Error e) {
            if (names.size() == 1) {
                failures.add(names.get(0) + " crashed javac: " + e + "\n" + mutants.get(names.get(0)));
            } else {
                names.forEach(n -> compile(mutants, List.of(n), failures, c -> { })); // find the culprit
            }
            return;
        }
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String text = d.getMessage(null);
            if (text.contains("[Rill/Internal]") || text.contains("uncaught exception")) {
                failures.add(className(d) + ": " + text + "\n" + mutants.get(className(d)));
            }
        }
        then.accept(compilation);
    }

    /** The simple class name of the file a diagnostic is in, e.g. {@code M12} or {@code RillM12}. */
    private static String className(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return "?";
        }
        String file = d.getSource().getName();
        return file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
    }
}
