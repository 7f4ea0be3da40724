package dev.rill.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every workload benchmark does around its variants: computes the plain loop's output
 * once per trial, checks a variant's first result of the trial at once and its last one at
 * the end, so a wrong result fails the run. Subclasses are the JMH {@code @State}.
 *
 * @param <R> the workload's output
 */
public abstract class CheckedWorkload<R> {
    private R expected;
    private R last;
    private String lastVariant;

    /** The workload's name in failure messages, e.g. {@code W2}. */
    protected abstract String workload();

    /** The plain single-threaded loop's output for {@code n} events. */
    protected abstract R reference(long n);

    @Setup(Level.Trial)
    public void computeReference() {
        expected = reference(Events.N);
    }

    /** Checks the first result of the trial at once, the last one at its end. */
    protected final R check(String variant, R result) {
        if (last == null) {
            Reference.check(workload() + " " + variant, expected, result);
        }
        last = result;
        lastVariant = variant;
        return result;
    }

    @TearDown(Level.Trial)
    public void checkLast() {
        Reference.check(workload() + " " + lastVariant, expected, last);
    }
}
