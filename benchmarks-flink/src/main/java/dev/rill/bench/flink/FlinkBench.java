package dev.rill.bench.flink;

import dev.rill.bench.Events;
import dev.rill.bench.Reference;
import dev.rill.bench.W2Result;
import dev.rill.bench.W3Result;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1-W3 on Flink at {@link Events#N} events per operation (events per second), each
 * operation a whole local job including its start, as Rill's benchmarks time a whole run.
 * {@link #emptyJob()} measures that fixed start/stop cost on its own (one operation = one job)
 * so that it can be told apart from per-event throughput. Outputs are checked against the
 * plain loop's on the first operation of each trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FlinkBench {
    private boolean checked;

    @Setup(Level.Trial)
    public void reference() {
        Reference.w1(Events.N);
        Reference.w2(Events.N);
        Reference.w3(Events.N);
    }

    private <T> T check(String variant, Object expected, T result) {
        if (!checked) {
            Reference.check("Flink " + variant, expected, result);
            checked = true;
        }
        return result;
    }

    @Benchmark
    @OperationsPerInvocation(Events.N)
    public long w1() throws Exception {
        return check("W1", Reference.w1(Events.N), FlinkWorkloads.w1(Events.N));
    }

    @Benchmark
    @OperationsPerInvocation(Events.N)
    public W2Result w2() throws Exception {
        return check("W2", Reference.w2(Events.N), FlinkWorkloads.w2(Events.N));
    }

    @Benchmark
    @OperationsPerInvocation(Events.N)
    public W3Result w3() throws Exception {
        return check("W3", Reference.w3(Events.N), FlinkWorkloads.w3(Events.N));
    }

    @Benchmark
    public void emptyJob() throws Exception {
        FlinkWorkloads.emptyJob();
    }
}
