package dev.rill.bench;

import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Worker;
import java.util.concurrent.ArrayBlockingQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * One hand-off of {@code count} references from a producer thread to the calling thread, the
 * same way for each queue: the producer thread is started per run, cycles through a fixed
 * array of pre-boxed values (no allocation per element), and the consumer adds up what it
 * receives, which is the result to check. Every queue holds at most {@link #CAPACITY}
 * elements in flight.
 *
 * <ul>
 *   <li>Rill's {@link BatchChannel}: rows of one reference, {@link BatchChannel#DEFAULT_BATCH_ROWS}
 *       per batch, a ring of {@link BatchChannel#DEFAULT_RING_BATCHES} batches; both sides wait
 *       through a {@link Worker} (spin, then park), as the runtime's subtasks do. The
 *       {@code large} variants give it {@link BatchChannel#LARGE_BATCH_ROWS} per batch, what the
 *       planner gives an exchange of at most two channels per upstream subtask in a pipeline
 *       with event time, and JCTools the same
 *       {@link #LARGE_CAPACITY}: each hand-over of a batch costs a few cache lines crossing
 *       between cores whatever its size, so the batch size is what spreads that over rows.</li>
 *   <li>JCTools {@link SpscArrayQueue}: {@code offer}/{@code poll}, spinning with
 *       {@link Thread#onSpinWait()} when full or empty.</li>
 *   <li>{@link ArrayBlockingQueue}: {@code put}/{@code take}.</li>
 * </ul>
 */
public final class Exchanges {
    /** Elements in flight at most: one Rill ring of the default size (8 batches of 1,024 rows). */
    public static final int CAPACITY = BatchChannel.DEFAULT_RING_BATCHES * BatchChannel.DEFAULT_BATCH_ROWS;
    /** Elements in flight at most in the {@code large} variants: a ring of 8 batches of 4,096 rows. */
    public static final int LARGE_CAPACITY = BatchChannel.DEFAULT_RING_BATCHES * BatchChannel.LARGE_BATCH_ROWS;

    private static final Long[] VALUES = new Long[1024];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = (long) i * 7919;
        }
    }

    private Exchanges() {
    }

    /** The sum every hand-off of {@code count} elements must deliver. */
    public static long expected(long count) {
        long sum = 0;
        for (long i = 0; i < count; i++) {
            sum += VALUES[(int) (i & 1023)];
        }
        return sum;
    }

    public static long batchChannel(long count) {
        return batchChannel(count, BatchChannel.DEFAULT_BATCH_ROWS);
    }

    /** {@link #batchChannel(long)} through a channel of {@code batchRows} rows per batch. */
    public static long batchChannel(long count, int batchRows) {
        Wired w = wire("exchange-bench", batchRows);
        BatchChannel ch = w.channel();
        Thread producer = start(() -> {
            Long[] values = VALUES;
            for (long i = 0; i < count; i++) {
                Batch b = ch.batch;
                b.refs[b.size] = values[(int) (i & 1023)];
                ch.commit();
            }
            ch.close();
        });
        long sum = 0;
        while (true) {
            Batch b = next(w);
            Object[] refs = b.refs;
            for (int r = 0, size = b.size; r < size; r++) {
                sum += (Long) refs[r];
            }
            boolean last = b.isLast();
            ch.release();
            if (last) {
                break;
            }
        }
        join(producer);
        return sum;
    }

    /** A channel of the default size between the workers of a job of its own, as the runtime wires one. */
    record Wired(BatchChannel channel, Worker consumer) {
    }

    static Wired wire(String jobName) {
        return wire(jobName, BatchChannel.DEFAULT_BATCH_ROWS);
    }

    static Wired wire(String jobName, int batchRows) {
        Job job = new Job(jobName, new String[0]);
        BatchChannel ch = new BatchChannel(batchRows, BatchChannel.DEFAULT_RING_BATCHES, 1, 0);
        ch.registerProducer(new Worker(job));
        Worker consumer = new Worker(job);
        ch.registerConsumer(consumer);
        return new Wired(ch, consumer);
    }

    /** The next published batch, waiting for it through the consumer's worker (spin, then park) as a subtask does. */
    static Batch next(Wired w) {
        Batch b = w.channel().poll();
        if (b != null) {
            return b;
        }
        for (int round = 0; (b = w.channel().poll()) == null; ) {
            round = w.consumer().idleForInput(round);
        }
        w.consumer().resume();
        return b;
    }

    public static long spscArrayQueue(long count) {
        return spscArrayQueue(count, CAPACITY);
    }

    /** {@link #spscArrayQueue(long)} through a queue of {@code capacity} elements. */
    public static long spscArrayQueue(long count, int capacity) {
        SpscArrayQueue<Long> q = new SpscArrayQueue<>(capacity);
        Thread producer = start(() -> {
            Long[] values = VALUES;
            for (long i = 0; i < count; i++) {
                Long v = values[(int) (i & 1023)];
                while (!q.offer(v)) {
                    Thread.onSpinWait();
                }
            }
        });
        long sum = drain(q, count);
        join(producer);
        return sum;
    }

    /** Takes {@code count} elements from {@code q}, spinning while it is empty, and returns their sum. */
    static long drain(SpscArrayQueue<Long> q, long count) {
        long sum = 0;
        for (long i = 0; i < count; i++) {
            Long v;
            while ((v = q.poll()) == null) {
                Thread.onSpinWait();
            }
            sum += v;
        }
        return sum;
    }

    public static long arrayBlockingQueue(long count) {
        ArrayBlockingQueue<Long> q = new ArrayBlockingQueue<>(CAPACITY);
        Thread producer = start(() -> {
            Long[] values = VALUES;
            try {
                for (long i = 0; i < count; i++) {
                    q.put(values[(int) (i & 1023)]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long sum = 0;
        try {
            for (long i = 0; i < count; i++) {
                sum += q.take();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        join(producer);
        return sum;
    }

    /** Starts the producer's thread. */
    static Thread start(Runnable producer) {
        Thread t = new Thread(producer, "exchange-bench-producer");
        t.start();
        return t;
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
