package dev.rill.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 (filter, transform, sum; parallelism 1) at {@link Events#N} events per operation: scores
 * are events per second. Every variant's output is checked against the plain loop's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Events.N)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class W1Bench extends CheckedWorkload<Long> {
    @Override
    protected String workload() {
        return "W1";
    }

    @Override
    protected Long reference(long n) {
        return Reference.w1(n);
    }

    @Benchmark
    public long rill() {
        return check("rill", RillRuns.w1(Events.N));
    }

    @Benchmark
    public long handWritten() {
        return check("handWritten", HandWritten.w1(Events.N));
    }

    @Benchmark
    public long streamSequential() {
        return check("streamSequential", Streams.w1(Events.N, false));
    }

    @Benchmark
    public long streamParallel() {
        return check("streamParallel", Streams.w1(Events.N, true));
    }
}
