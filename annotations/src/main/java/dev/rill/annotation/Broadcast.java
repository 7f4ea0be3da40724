package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a stage: every one of its subtasks receives every element of its input.
 *
 * <pre>{@code
 * @Sink(parallelism = 3) @Broadcast
 * public void everywhere(Rule r) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Broadcast {
}
