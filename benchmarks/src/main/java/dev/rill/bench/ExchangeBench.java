package dev.rill.bench;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two-thread hand-off of {@link #COUNT} elements per operation through Rill's batch channel,
 * JCTools' SPSC queue and {@code ArrayBlockingQueue} (see {@link Exchanges}): scores are
 * elements per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ExchangeBench.COUNT)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ExchangeBench {
    static final int COUNT = Events.N;

    private long expected;
    private long last = -1;
    private String lastVariant;

    @Setup(Level.Trial)
    public void reference() {
        expected = Exchanges.expected(COUNT);
    }

    private long check(String variant, long result) {
        if (last == -1) {
            Reference.check("exchange " + variant, expected, result);
        }
        last = result;
        lastVariant = variant;
        return result;
    }

    @TearDown(Level.Trial)
    public void checkLast() {
        Reference.check("exchange " + lastVariant, expected, last);
    }

    @Benchmark
    public long rillBatchChannel() {
        return check("rillBatchChannel", Exchanges.batchChannel(COUNT));
    }

    @Benchmark
    public long jctoolsSpsc() {
        return check("jctoolsSpsc", Exchanges.spscArrayQueue(COUNT));
    }

    @Benchmark
    public long arrayBlockingQueue() {
        return check("arrayBlockingQueue", Exchanges.arrayBlockingQueue(COUNT));
    }
}
