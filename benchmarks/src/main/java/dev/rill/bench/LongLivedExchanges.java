package dev.rill.bench;

import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import org.jctools.queues.SpscArrayQueue;

/**
 * Hand-offs through a queue that outlives them, as in a pipeline that runs for hours: unlike
 * {@link Exchanges}, which builds its queue per hand-off, each link here is built once and
 * carries any number of hand-offs of {@code count} freshly boxed {@code Long}s (the values
 * 0 to count - 1, so every element is a new young object, as a source's events are). Each
 * hand-off runs its producer on a thread of its own; the consumer is the calling thread and
 * returns the sum, {@link #expected(long)}.
 */
public final class LongLivedExchanges {
    private LongLivedExchanges() {
    }

    /** The sum every hand-off of {@code count} elements must deliver. */
    public static long expected(long count) {
        return count * (count - 1) / 2;
    }

    /** A link that carries one hand-off after another. */
    public interface Link {
        long handOff(long count);
    }

    /** Rill's {@link BatchChannel}, the default ring, never closed: each hand-off ends with a flush. */
    public static Link batchChannel() {
        Exchanges.Wired w = Exchanges.wire("long-lived-exchange-bench");
        BatchChannel ch = w.channel();
        return count -> {
            Thread producer = Exchanges.start(() -> {
                for (long i = 0; i < count; i++) {
                    Batch b = ch.batch;
                    b.refs[b.size] = Long.valueOf(i);
                    ch.commit();
                }
                ch.publishNow();
            });
            long sum = 0;
            long received = 0;
            while (received < count) {
                Batch b = Exchanges.next(w);
                Object[] refs = b.refs;
                int size = b.size;
                for (int r = 0; r < size; r++) {
                    sum += (Long) refs[r];
                }
                received += size;
                ch.release();
            }
            Exchanges.join(producer);
            return sum;
        };
    }

    /** JCTools {@link SpscArrayQueue} of the same capacity, spinning when full or empty, as in {@link Exchanges}. */
    public static Link spscArrayQueue() {
        SpscArrayQueue<Long> q = new SpscArrayQueue<>(Exchanges.CAPACITY);
        return count -> {
            Thread producer = Exchanges.start(() -> {
                for (long i = 0; i < count; i++) {
                    Long v = i;
                    while (!q.offer(v)) {
                        Thread.onSpinWait();
                    }
                }
            });
            long sum = Exchanges.drain(q, count);
            Exchanges.join(producer);
            return sum;
        };
    }
}
