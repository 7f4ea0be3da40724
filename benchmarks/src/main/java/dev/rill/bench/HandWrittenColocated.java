package dev.rill.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * W3 by hand with each keyed subtask on the thread of one source subtask, the plan a
 * scheduler that puts no more threads than cores would run on 2 cores: thread {@code s} runs
 * source {@code s} and keyed subtask {@code s}. Rows whose key belongs to the thread itself
 * go into a small local batch folded when full (the key picks the batch, so there is no
 * branch for the CPU to guess per event); only the other half crosses, through the same
 * 16,384-row batches and JCTools rings as {@link HandWrittenExchange}'s W3. A thread folds what
 * reached it after each batch it hands over, and while it waits for room, so neither thread
 * can wait for the other for ever. Two threads on two cores, half the events crossing: the
 * ceiling of the "thread count against cores" lever for a plan that keeps W3's exchange.
 */
public final class HandWrittenColocated {
    /** Rows of the thread's own keys folded at a time: 16 KB, so they are folded from L1. */
    static final int LOCAL_ROWS = 1024;

    private HandWrittenColocated() {
    }

    public static W3Result w3(long n) {
        HandWrittenExchange.Pipe[] toOther = {
            new HandWrittenExchange.Pipe(HandWrittenExchange.W3_ROWS), new HandWrittenExchange.Pipe(HandWrittenExchange.W3_ROWS)};
        long[][] sums = new long[2][Events.W3_KEYS];
        boolean[][] seen = new boolean[2][Events.W3_KEYS];
        List<Runnable> tasks = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long from = Events.from(n, s, 2);
            long to = Events.to(n, s, 2);
            int self = s;
            HandWrittenExchange.Pipe out = toOther[s];
            HandWrittenExchange.Pipe in = toOther[1 - s];
            long[] mySums = sums[s];
            boolean[] mySeen = seen[s];
            tasks.add(() -> {
                boolean inputEnded = false;
                HandWrittenExchange.Rows local = new HandWrittenExchange.Rows(LOCAL_ROWS);
                HandWrittenExchange.Rows[] batches = new HandWrittenExchange.Rows[2];
                batches[self] = local;
                batches[1 - self] = out.current;
                for (long i = from; i < to; i++) {
                    Event e = Events.event(i);
                    int key = Events.w3Key(e);
                    HandWrittenExchange.Rows r = batches[key & 1];
                    int row = r.size;
                    r.longs[2 * row] = key;
                    r.longs[2 * row + 1] = e.value();
                    if ((r.size = row + 1) == r.capacity) {
                        if (r == local) {
                            fold(local, mySums, mySeen);
                            local.size = 0;
                        } else {
                            inputEnded |= publish(out, in, mySums, mySeen);
                            batches[1 - self] = out.current;
                            inputEnded |= drain(in, mySums, mySeen);
                        }
                    }
                }
                fold(local, mySums, mySeen);
                if (out.current.size > 0) {
                    inputEnded |= publish(out, in, mySums, mySeen);
                }
                out.current.size = -1;
                inputEnded |= publish(out, in, mySums, mySeen);
                for (int spins = 0; !inputEnded; ) {
                    HandWrittenExchange.Rows r = in.full.poll();
                    if (r == null) {
                        HandWrittenExchange.idle(++spins);
                        continue;
                    }
                    spins = 0;
                    inputEnded = fold(r, mySums, mySeen);
                    in.free.offer(r);
                }
            });
        }
        HandWrittenExchange.runAll(tasks);
        return W3Result.ofParts(sums, seen);
    }

    /** Hands the current batch over, folding our own input while the ring is full; true if that input ended. */
    private static boolean publish(HandWrittenExchange.Pipe out, HandWrittenExchange.Pipe in, long[] sums, boolean[] seen) {
        boolean ended = false;
        HandWrittenExchange.Rows r = out.current;
        for (int spins = 0; !out.full.offer(r); spins++) {
            ended |= drain(in, sums, seen);
            HandWrittenExchange.idle(spins);
        }
        HandWrittenExchange.Rows next;
        for (int spins = 0; (next = out.free.poll()) == null; spins++) {
            ended |= drain(in, sums, seen);
            HandWrittenExchange.idle(spins);
        }
        next.size = 0;
        out.current = next;
        return ended;
    }

    /** Folds every batch waiting on {@code in}; true if the end marker was among them. */
    private static boolean drain(HandWrittenExchange.Pipe in, long[] sums, boolean[] seen) {
        boolean ended = false;
        HandWrittenExchange.Rows r;
        while ((r = in.full.poll()) != null) {
            ended |= fold(r, sums, seen);
            in.free.offer(r);
        }
        return ended;
    }

    /** Folds one batch's rows; true if it is the end marker instead. */
    private static boolean fold(HandWrittenExchange.Rows r, long[] sums, boolean[] seen) {
        if (r.size < 0) {
            return true;
        }
        long[] longs = r.longs;
        for (int row = 0; row < r.size; row++) {
            int key = (int) longs[2 * row];
            sums[key] += longs[2 * row + 1];
            seen[key] = true;
        }
        return false;
    }
}
