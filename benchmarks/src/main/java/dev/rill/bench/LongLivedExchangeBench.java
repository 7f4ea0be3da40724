package dev.rill.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The exchange as a long-running pipeline sees it: freshly allocated elements written into a
 * queue's array that has lived through garbage collections (see {@link LongLivedExchanges}).
 * {@code age = perOperation} builds the queue for each operation, as every other benchmark
 * here does, so its arrays are young; {@code age = promoted} builds it once per trial and
 * runs two full collections, after which G1 holds it in the old generation. Under G1, a
 * reference store from an old array to a young object dirties a card and queues it for
 * refinement, so the promoted case is what a pipeline running for hours pays.
 */
public class LongLivedExchangeBench extends PerEventBenchmark {
    static final int COUNT = Events.N;

    @Param({"perOperation", "promoted"})
    public String age;

    private LongLivedExchanges.Link rill;
    private LongLivedExchanges.Link jctools;

    @Setup(Level.Trial)
    public void links() {
        if (age.equals("promoted")) {
            rill = LongLivedExchanges.batchChannel();
            jctools = LongLivedExchanges.spscArrayQueue();
            System.gc();
            System.gc();
        }
    }

    @Benchmark
    public long rillBatchChannel() {
        LongLivedExchanges.Link link = rill != null ? rill : LongLivedExchanges.batchChannel();
        return checked("rillBatchChannel", link.handOff(COUNT));
    }

    @Benchmark
    public long jctoolsSpsc() {
        LongLivedExchanges.Link link = jctools != null ? jctools : LongLivedExchanges.spscArrayQueue();
        return checked("jctoolsSpsc", link.handOff(COUNT));
    }

    /** Every operation is checked: the sum is one multiplication, cheap beside 10 M hand-offs. */
    private static long checked(String variant, long sum) {
        Reference.check("long-lived exchange " + variant, LongLivedExchanges.expected(COUNT), sum);
        return sum;
    }
}
