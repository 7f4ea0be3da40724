package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the elements for which the method returns true. Shape: {@code boolean m(T in)}.
 *
 * <pre>{@code
 * @Filter
 * public boolean notOrange(Event e) { return !e.color().equals("orange"); }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Filter {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
