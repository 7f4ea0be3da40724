package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a stage: its input is spread round-robin over its subtasks, even where the parallelism
 * does not change (which would otherwise fuse it into its upstream).
 *
 * <pre>{@code
 * @Transform @Rebalance
 * public Result expensive(Event e) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Rebalance {
}
