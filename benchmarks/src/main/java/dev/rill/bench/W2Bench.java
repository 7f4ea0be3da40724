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
 * W2 at {@link Events#N} events per operation: scores are events per second. Every
 * variant's output is checked against the plain loop's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Events.N)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class W2Bench extends CheckedWorkload<W2Result> {
    @Override
    protected String workload() {
        return "W2";
    }

    @Override
    protected W2Result reference(long n) {
        return Reference.w2(n);
    }

    @Benchmark
    public W2Result rill() {
        return check("rill", RillRuns.w2(Events.N));
    }

    @Benchmark
    public W2Result handWritten() {
        return check("handWritten", HandWritten.w2(Events.N));
    }

    @Benchmark
    public W2Result handWrittenTwoThreads() {
        return check("handWrittenTwoThreads", HandWrittenTwoThreads.w2(Events.N));
    }

    /** The floor for an exchange: {@link HandWrittenExchange}, the same threads and batches as Rill's plan. */
    @Benchmark
    public W2Result handWrittenExchange() {
        return check("handWrittenExchange", HandWrittenExchange.w2(Events.N));
    }

    @Benchmark
    public W2Result streamSequential() {
        return check("streamSequential", Streams.w2(Events.N, false));
    }

    @Benchmark
    public W2Result streamParallel() {
        return check("streamParallel", Streams.w2(Events.N, true));
    }
}
