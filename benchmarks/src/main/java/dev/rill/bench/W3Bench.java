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
 * W3 at {@link Events#N} events per operation: scores are events per second. Every
 * variant's output is checked against the plain loop's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Events.N)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class W3Bench extends CheckedWorkload<W3Result> {
    @Override
    protected String workload() {
        return "W3";
    }

    @Override
    protected W3Result reference(long n) {
        return Reference.w3(n);
    }

    @Benchmark
    public W3Result rill() {
        return check("rill", RillRuns.w3(Events.N));
    }

    @Benchmark
    public W3Result handWritten() {
        return check("handWritten", HandWritten.w3(Events.N));
    }

    @Benchmark
    public W3Result handWrittenTwoThreads() {
        return check("handWrittenTwoThreads", HandWrittenTwoThreads.w3(Events.N));
    }

    /** The floor for an exchange: {@link HandWrittenExchange}, the same threads and batches as Rill's plan. */
    @Benchmark
    public W3Result handWrittenExchange() {
        return check("handWrittenExchange", HandWrittenExchange.w3(Events.N));
    }

    @Benchmark
    public W3Result streamSequential() {
        return check("streamSequential", Streams.w3(Events.N, false));
    }

    @Benchmark
    public W3Result streamParallel() {
        return check("streamParallel", Streams.w3(Events.N, true));
    }
}
