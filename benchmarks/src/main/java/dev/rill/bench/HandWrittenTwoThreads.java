package dev.rill.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The 2-thread versions a careful engineer would write by hand for W2 and W3 on a 2-core
 * machine: data parallelism, not a pipeline. Each thread takes half of the index range (the
 * split of a source of parallelism 2), folds it into its own private state with the same
 * loop body as {@link HandWritten}, and the two partial states are merged once at the end.
 * Both outputs (counts per color, sums per key) are sums, so merging partials gives exactly
 * the single-threaded result with no exchange, no queue and no synchronization but one
 * {@code join}. A producer/consumer pair would be strictly worse here: it only adds a
 * hand-off per event to the same total work.
 *
 * <p>The calling thread does the first half and one new thread the second; starting a
 * thread costs about 0.1 ms, nothing next to 10 million events.
 */
public final class HandWrittenTwoThreads {
    private HandWrittenTwoThreads() {
    }

    public static W2Result w2(long n) {
        W2Part second = new W2Part(Events.from(n, 1, 2), Events.to(n, 1, 2));
        Thread t = new Thread(second, "handwritten-w2-1");
        t.start();
        W2Part first = new W2Part(Events.from(n, 0, 2), Events.to(n, 0, 2));
        first.run();
        join(t);
        second.counts.forEach((color, c) -> first.counts.computeIfAbsent(color, k -> new long[1])[0] += c[0]);
        return new W2Result(HandWritten.unwrap(first.counts), first.updates + second.updates);
    }

    public static W3Result w3(long n) {
        W3Part second = new W3Part(Events.from(n, 1, 2), Events.to(n, 1, 2));
        Thread t = new Thread(second, "handwritten-w3-1");
        t.start();
        W3Part first = new W3Part(Events.from(n, 0, 2), Events.to(n, 0, 2));
        first.run();
        join(t);
        return W3Result.ofParts(new long[][] {first.sums, second.sums}, new boolean[][] {first.seen, second.seen});
    }

    private static final class W2Part implements Runnable {
        final long from;
        final long to;
        final Map<String, long[]> counts = new HashMap<>();
        long updates;

        W2Part(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            Map<String, long[]> counts = this.counts;
            long updates = 0;
            for (long i = from; i < to; i++) {
                Event e = Events.event(i);
                if (Events.notOrange(e)) {
                    counts.computeIfAbsent(e.color(), c -> new long[1])[0]++;
                    updates++;
                }
            }
            this.updates = updates;
        }
    }

    private static final class W3Part implements Runnable {
        final long from;
        final long to;
        final long[] sums = new long[Events.W3_KEYS];
        final boolean[] seen = new boolean[Events.W3_KEYS];

        W3Part(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            long[] sums = this.sums;
            boolean[] seen = this.seen;
            for (long i = from; i < to; i++) {
                Event e = Events.event(i);
                int key = Events.w3Key(e);
                sums[key] += e.value();
                seen[key] = true;
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + t.getName(), e);
        }
    }
}
