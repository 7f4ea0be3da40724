package dev.rill.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads from the named stages instead of the stage declared above. Several names read the
 * union of those streams, all of one element type.
 *
 * <pre>{@code
 * @Sink
 * @From({"clicks", "views"})
 * public void all(Event e) { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface From {
    /** Names of the stage methods to read from. */
    String[] value();
}
