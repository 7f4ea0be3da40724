package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose annotated methods form a stream-processing pipeline. Rill's
 * annotation processor checks the pipeline inside {@code javac} and generates
 * {@code Rill<ClassName>} (for a nested class {@code Outer.Inner}: {@code RillOuter_Inner})
 * in the same package, which runs it.
 *
 * <pre>{@code
 * @Pipeline(parallelism = 2)
 * public class ColorCount {
 *     @Source public void events(SourceContext ctx, Emitter<Event> out) { ... }
 *     @Filter public boolean notOrange(Event e) { return !e.color().equals("orange"); }
 *     @KeyBy  public String color(Event e) { return e.color(); }
 *     @Aggregate public long count(long count, Event e) { return count + 1; }
 *     @Sink(parallelism = 1) public void results(String color, long count) { ... }
 * }
 *
 * PipelineResult result = RillColorCount.create(ColorCount::new).run();
 * }</pre>
 *
 * <p>The class must be top-level or static nested, not abstract, not generic and not private.
 * Stages connect in source order unless {@link From} says otherwise.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Pipeline {
    /** The default parallelism of every stage; at least 1. */
    int parallelism() default 1;

    /**
     * The number of key groups hash exchanges map keys onto, as Flink's
     * {@code maxParallelism}: {@code keyGroup = murmur(hash(key)) % maxParallelism}. At least
     * every stage's parallelism.
     */
    int maxParallelism() default 128;
}
