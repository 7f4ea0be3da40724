package dev.rill.bench;

import dev.rill.runtime.exchange.BatchChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two-thread hand-off of {@link #COUNT} elements per operation through Rill's batch channel,
 * JCTools' SPSC queue and {@code ArrayBlockingQueue} (see {@link Exchanges}): scores are
 * elements per second. The {@code Large} pair holds four times the elements in flight: Rill
 * with 4,096-row batches, JCTools with the same capacity.
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
    public long rillBatchChannelLarge() {
        return check("rillBatchChannelLarge", Exchanges.batchChannel(COUNT, BatchChannel.LARGE_BATCH_ROWS));
    }

    @Benchmark
    public long jctoolsSpscLarge() {
        return check("jctoolsSpscLarge", Exchanges.spscArrayQueue(COUNT, Exchanges.LARGE_CAPACITY));
    }

    @Benchmark
    public long arrayBlockingQueue() {
        return check("arrayBlockingQueue", Exchanges.arrayBlockingQueue(COUNT));
    }
}
