package dev.rill.bench;

import java.util.function.LongFunction;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every workload benchmark does around its variants: computes the plain loop's output
 * once per trial, checks a variant's first result of the trial at once and its last one at
 * the end, so a wrong result fails the run. The JMH settings come from
 * {@link PerEventBenchmark}.
 *
 * @param <R> the workload's output
 */
public abstract class CheckedWorkload<R> extends PerEventBenchmark {
    private final String workload;
    private final LongFunction<R> reference;
    private R expected;
    private R last;
    private String lastVariant;

    /**
     * @param workload the workload's name in failure messages, e.g. {@code W2}
     * @param reference the plain single-threaded loop's output for n events
     */
    protected CheckedWorkload(String workload, LongFunction<R> reference) {
        this.workload = workload;
        this.reference = reference;
    }

    @Setup(Level.Trial)
    public void computeReference() {
        expected = reference.apply(Events.N);
    }

    /** Checks the first result of the trial at once, the last one at its end. */
    protected final R check(String variant, R result) {
        if (last == null) {
            Reference.check(workload + " " + variant, expected, result);
        }
        last = result;
        lastVariant = variant;
        return result;
    }

    @TearDown(Level.Trial)
    public void checkLast() {
        Reference.check(workload + " " + lastVariant, expected, last);
    }
}
