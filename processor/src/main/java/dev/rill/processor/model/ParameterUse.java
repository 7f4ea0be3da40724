package dev.rill.processor.model;

import java.util.Set;

/**
 * How a stage method's body uses one of its parameters, read from javac's syntax tree (see
 * {@link SourceTrees}): the names of the no-argument methods it calls on the parameter, or
 * {@link #WHOLE} when it uses the parameter in any other way (passes it on, stores, returns,
 * compares it with anything but {@code null}, prints it, calls a method with arguments on it,
 * takes a method reference), or
 * when the processor cannot see the body or the body may be replaced by an override.
 *
 * <p>Where the parameter is a record, a use of only implicit accessors means the method reads
 * only those components, so an exchange before it need not ship the others.
 *
 * @param whole the parameter is used as a whole, or its use is unknown
 * @param calls the no-argument methods called on it, when not {@code whole}
 */
public record ParameterUse(boolean whole, Set<String> calls) {
    public static final ParameterUse WHOLE = new ParameterUse(true, Set.of());

    public ParameterUse {
        calls = Set.copyOf(calls);
    }
}
