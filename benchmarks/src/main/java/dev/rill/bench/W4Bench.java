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
 * W4 (tumbling event-time window of 1,000 ms, count per color; sources p=2, sink p=1) at
 * {@link Events#N} events per operation: scores are events per second. Every variant's output
 * (the sorted triples) is checked against the plain loop's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Events.N)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class W4Bench extends CheckedWorkload<W4Result> {
    @Override
    protected String workload() {
        return "W4";
    }

    @Override
    protected W4Result reference(long n) {
        return Reference.w4(n);
    }

    @Benchmark
    public W4Result rill() {
        return check("rill", RillRuns.w4(Events.N));
    }

    @Benchmark
    public W4Result handWritten() {
        return check("handWritten", HandWritten.w4(Events.N));
    }

    /** The floor for an exchange: {@link HandWrittenExchange}, the same threads and batches as Rill's plan. */
    @Benchmark
    public W4Result handWrittenExchange() {
        return check("handWrittenExchange", HandWrittenExchange.w4(Events.N));
    }
}
