package dev.rill.bench;

import dev.rill.runtime.state.LongKeyRefState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Keyed state holding objects, as an {@code @Aggregate} with a record accumulator keeps it
 * ({@link LongKeyRefState}), young or promoted: the state-side twin of
 * {@link LongLivedExchangeBench}. Each operation folds 10 M updates over 65,536 keys, each
 * update storing a new {@link Acc} (a young object) into the state's value array.
 * {@code age = perOperation} fills a new state before each operation; {@code age = promoted}
 * fills one per trial and runs two full collections, as a pipeline that has run for hours
 * holds it. Unlike a channel's batches, state cannot be renewed cheaply after each
 * collection (it may hold millions of keys), so this measures what a layout that keeps
 * accumulators out of reference arrays would be worth; Rill does not have one yet.
 */
public class LongLivedStateBench extends PerEventBenchmark {
    static final int COUNT = Events.N;
    static final int KEYS = 65_536;

    /** A running count and sum, as a user's record accumulator would be. */
    public record Acc(long count, long sum) {
    }

    @Param({"perOperation", "promoted"})
    public String age;

    private LongKeyRefState<Acc> state;
    /** Operations folded into {@link #state} so far; the check's expectation grows with it. */
    private long operations;

    @Setup(Level.Trial)
    public void promoted() {
        if (age.equals("promoted")) {
            state = filled();
            System.gc();
            System.gc();
        }
    }

    @Setup(Level.Invocation)
    public void perOperation() {
        if (age.equals("perOperation")) {
            state = filled();
            operations = 0;
        }
    }

    @Benchmark
    public long rill() {
        LongKeyRefState<Acc> s = state;
        for (long i = 0; i < COUNT; i++) {
            int slot = s.indexOf(i & (KEYS - 1));
            Acc a = s.value(slot);
            s.set(slot, new Acc(a.count() + 1, a.sum() + i));
        }
        operations++;
        return checked(s, operations);
    }

    static LongKeyRefState<Acc> filled() {
        LongKeyRefState<Acc> s = new LongKeyRefState<>(KEYS);
        for (int k = 0; k < KEYS; k++) {
            s.insert(k, new Acc(0, 0));
        }
        return s;
    }

    /** After {@code operations} folds every key has counted COUNT / KEYS updates per fold, and the sums add up. */
    static long checked(LongKeyRefState<Acc> s, long operations) {
        long count = 0;
        long sum = 0;
        for (int k = 0; k < KEYS; k++) {
            Acc a = s.value(s.indexOf(k));
            count += a.count();
            sum += a.sum();
        }
        long n = COUNT;
        Reference.check("long-lived state count", operations * n, count);
        Reference.check("long-lived state sum", operations * (n * (n - 1) / 2), sum);
        return sum;
    }
}
