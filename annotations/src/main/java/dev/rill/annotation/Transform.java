package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One element out for each one in. Shape: {@code R m(T in)}.
 *
 * <pre>{@code
 * @Transform
 * public long weight(Event e) { return e.value() * 3L + 1; }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Transform {
    /** Parallel instances of this stage; 0 (the default) takes the pipeline's parallelism. */
    int parallelism() default 0;
}
