package dev.rill.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every workload benchmark does around its variants: computes the plain loop's output
 * once per trial, checks a variant's first result of the trial at once and its last one at
 * the end, so a wrong result fails the run. It also carries the settings every workload
 * benchmark shares, which JMH reads from superclasses: throughput in events per second
 * ({@link Events#N} events per operation), one fork, 3 warm-up and 5 measured iterations of 2 s.
 *
 * @param <R> the workload's output
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Events.N)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public abstract class CheckedWorkload<R> {
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
