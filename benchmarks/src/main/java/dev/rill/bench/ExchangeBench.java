package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two-thread hand-off of {@link #COUNT} elements per operation through Rill's batch channel,
 * JCTools' SPSC queue and {@code ArrayBlockingQueue} (see {@link Exchanges}): scores are
 * elements per second.
 */
public class ExchangeBench extends PerEventBenchmark {
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
