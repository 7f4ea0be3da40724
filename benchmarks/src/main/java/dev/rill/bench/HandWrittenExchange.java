package dev.rill.bench;

import dev.rill.runtime.exchange.KeyGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.SpscArrayQueue;

/**
 * W2, W3 and W4 as a careful engineer would write them by hand <em>with the exchange the
 * workloads define</em>: the same threads as Rill's plan (sources p=2, one thread per keyed
 * subtask, W2's and W4's single sink), batches of rows handed over through JCTools SPSC queues and
 * recycled (4,096 rows for W2 and W4, 16,384 for W3: each the size that ran it fastest, see
 * {@link #ROWS}), and everything a general engine cannot know exploited: W3 partitions by
 * {@code key & 1} and folds into arrays indexed by key, W2 and W4 partition by the color's
 * hash, W4's counters keep a map per open window and fire windows as the minimum of their
 * inputs' watermarks passes them, as an event-time window must. W2 and W4 also run with
 * SPEC's partitioning ({@link Partition#KEY_GROUPS}, Flink's), which no engine following it
 * can avoid: it sends four of W4's five colors (three of W2's four) to one subtask.
 * Waiting is a short spin, then a 10 µs sleep, polled (no wake-up handshake).
 *
 * <p>It answers issue 3's question of whether the parallel exchange can pay for itself on two
 * cores, as a hand-writer would build it. It is a reference, not a proof of a bound: Rill's own
 * channel (spin, then park with a wake-up handshake, instead of the sleep here) has run W2 and
 * W3 faster than this.
 */
public final class HandWrittenExchange {
    /**
     * Rows per batch for W2 and W4. Alternated with 16,384 (the size Rill's plan gives W2 and
     * W3), 3 forks each, twice, 03:46-03:57 UTC 2026-11-30: W2 60.0 and 54.2 M/s at 4,096
     * against 54.3 and 49.6 at 16,384 (with key groups 50.4 and 42.4 against 40.0 and 42.7).
     */
    static final int ROWS = 4096;
    /**
     * Rows per batch for W3, whose rows are two longs and no reference. The same alternation:
     * 99.8 and 78.4 M/s at 4,096 against 123.6 and 118.2 at 16,384 (co-located: 222.8 and 146.9
     * against 263.2 and 219.6).
     */
    static final int W3_ROWS = 16384;
    static final int RING = 8;

    private HandWrittenExchange() {
    }

    /** Which of the two keyed subtasks a color goes to. */
    public enum Partition {
        /**
         * The hash's lowest bit: what a hand-writer who knows the five colors picks, as it splits
         * them three to two (W4) and two to two (W2).
         */
        LOW_BIT,
        /**
         * Flink's key groups, which SPEC prescribes for {@code @KeyBy} and Rill generates: murmur
         * of the hash, 128 key groups. Four of the five colors land in subtask 1.
         */
        KEY_GROUPS;

        int of(String color) {
            return this == LOW_BIT
                    ? color.hashCode() & 1
                    : KeyGroups.subtask(color.hashCode(), KeyGroups.DEFAULT_MAX_PARALLELISM, 2);
        }
    }

    /** Rows of (ref, long); {@code size == -1} marks the end of a producer's input. */
    static final class Rows {
        final Object[] refs;
        final long[] longs;
        /** Rows the batch holds when full. */
        final int capacity;
        int size;
        /** W4: the producer's watermark (largest timestamp so far) when it handed the batch over. */
        long watermark;

        Rows(int capacity) {
            this.capacity = capacity;
            refs = new Object[capacity];
            longs = new long[capacity * 2];
        }
    }

    /** One producer-consumer pair: full batches one way, empty ones back. */
    static final class Pipe {
        final SpscArrayQueue<Rows> full = new SpscArrayQueue<>(RING);
        final SpscArrayQueue<Rows> free = new SpscArrayQueue<>(RING);
        Rows current;

        Pipe(int rows) {
            for (int i = 0; i < RING - 1; i++) {
                free.offer(new Rows(rows));
            }
            current = new Rows(rows);
        }

        /** Producer: hands the current batch over and takes an empty one. */
        void publish() {
            Rows r = current;
            for (int spins = 0; !full.offer(r); spins++) {
                idle(spins);
            }
            Rows next;
            for (int spins = 0; (next = free.poll()) == null; spins++) {
                idle(spins);
            }
            next.size = 0;
            current = next;
        }

        void end() {
            if (current.size > 0) {
                publish();
            }
            current.size = -1;
            publish();
        }
    }

    static void idle(int spins) {
        if (spins < 64) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(10_000);
        }
    }

    /** {@code pipes[producer][consumer]}: one pipe per pair, as Rill's channel matrix. */
    static Pipe[][] pipes(int producers, int consumers, int rows) {
        Pipe[][] pipes = new Pipe[producers][consumers];
        for (Pipe[] row : pipes) {
            for (int c = 0; c < consumers; c++) {
                row[c] = new Pipe(rows);
            }
        }
        return pipes;
    }

    /** Runs {@code tasks} on threads of their own and waits for all. */
    static void runAll(List<Runnable> tasks) {
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            Thread t = new Thread(task, "handwritten-exchange");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a consumer does with each batch, and with the end of each input. */
    interface Fold {
        void batch(int input, Rows rows);

        default void ended(int input) {
        }
    }

    /** Consumer side: polls its inputs round-robin and gives each batch to {@code fold} until every input ended. */
    static void consume(Pipe[] inputs, Fold fold) {
        int open = inputs.length;
        boolean[] ended = new boolean[inputs.length];
        int spins = 0;
        while (open > 0) {
            boolean got = false;
            for (int p = 0; p < inputs.length; p++) {
                if (ended[p]) {
                    continue;
                }
                Rows r = inputs[p].full.poll();
                if (r == null) {
                    continue;
                }
                got = true;
                if (r.size < 0) {
                    ended[p] = true;
                    open--;
                    fold.ended(p);
                } else {
                    fold.batch(p, r);
                }
                inputs[p].free.offer(r);
            }
            spins = got ? 0 : spins + 1;
            if (!got) {
                idle(spins);
            }
        }
    }

    public static W3Result w3(long n) {
        Pipe[][] pipes = pipes(2, 2, W3_ROWS);
        long[][] sums = new long[2][Events.W3_KEYS];
        boolean[][] seen = new boolean[2][Events.W3_KEYS];
        List<Runnable> tasks = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long from = Events.from(n, s, 2);
            long to = Events.to(n, s, 2);
            Pipe[] out = pipes[s];
            tasks.add(() -> {
                for (long i = from; i < to; i++) {
                    Event e = Events.event(i);
                    int key = Events.w3Key(e);
                    Pipe pipe = out[key & 1];
                    Rows r = pipe.current;
                    int row = r.size;
                    r.longs[2 * row] = key;
                    r.longs[2 * row + 1] = e.value();
                    if ((r.size = row + 1) == r.capacity) {
                        pipe.publish();
                    }
                }
                out[0].end();
                out[1].end();
            });
        }
        for (int c = 0; c < 2; c++) {
            Pipe[] in = {pipes[0][c], pipes[1][c]};
            long[] mySums = sums[c];
            boolean[] mySeen = seen[c];
            tasks.add(() -> consume(in, (p, r) -> {
                long[] longs = r.longs;
                for (int row = 0; row < r.size; row++) {
                    int key = (int) longs[2 * row];
                    mySums[key] += longs[2 * row + 1];
                    mySeen[key] = true;
                }
            }));
        }
        runAll(tasks);
        return W3Result.ofParts(sums, seen);
    }

    public static W2Result w2(long n) {
        return w2(n, Partition.LOW_BIT);
    }

    public static W2Result w2(long n, Partition partition) {
        Pipe[][] toCount = pipes(2, 2, ROWS);
        Pipe[] toSink = {new Pipe(ROWS), new Pipe(ROWS)};
        List<Runnable> tasks = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long from = Events.from(n, s, 2);
            long to = Events.to(n, s, 2);
            Pipe[] out = toCount[s];
            tasks.add(() -> {
                for (long i = from; i < to; i++) {
                    Event e = Events.event(i);
                    if (!Events.notOrange(e)) {
                        continue;
                    }
                    String color = e.color();
                    Pipe pipe = out[partition.of(color)];
                    Rows r = pipe.current;
                    int row = r.size;
                    r.refs[row] = color;
                    if ((r.size = row + 1) == r.capacity) {
                        pipe.publish();
                    }
                }
                out[0].end();
                out[1].end();
            });
        }
        for (int c = 0; c < 2; c++) {
            Pipe[] in = {toCount[0][c], toCount[1][c]};
            Pipe out = toSink[c];
            tasks.add(() -> {
                Map<String, long[]> counts = new HashMap<>();
                consume(in, (p, r) -> {
                    Object[] refs = r.refs;
                    for (int row = 0; row < r.size; row++) {
                        String color = (String) refs[row];
                        long count = ++counts.computeIfAbsent(color, k -> new long[1])[0];
                        Rows o = out.current;
                        int at = o.size;
                        o.refs[at] = color;
                        o.longs[at] = count;
                        if ((o.size = at + 1) == o.capacity) {
                            out.publish();
                        }
                    }
                });
                out.end();
            });
        }
        Map<String, long[]> last = new HashMap<>();
        long[] updates = {0};
        tasks.add(() -> consume(toSink, (p, r) -> {
            for (int row = 0; row < r.size; row++) {
                last.computeIfAbsent((String) r.refs[row], k -> new long[1])[0] = r.longs[row];
            }
            updates[0] += r.size;
        }));
        runAll(tasks);
        return new W2Result(HandWritten.unwrap(last), updates[0]);
    }

    public static W4Result w4(long n) {
        return w4(n, Partition.LOW_BIT);
    }

    public static W4Result w4(long n, Partition partition) {
        Pipe[][] toCount = pipes(2, 2, ROWS);
        Pipe[] toSink = {new Pipe(ROWS), new Pipe(ROWS)};
        List<Runnable> tasks = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long from = Events.from(n, s, 2);
            long to = Events.to(n, s, 2);
            Pipe[] out = toCount[s];
            tasks.add(() -> {
                long watermark = Long.MIN_VALUE;
                for (long i = from; i < to; i++) {
                    Event e = Events.event(i);
                    watermark = Math.max(watermark, e.timestamp());
                    Pipe pipe = out[partition.of(e.color())];
                    Rows r = pipe.current;
                    int row = r.size;
                    r.refs[row] = e.color();
                    r.longs[row] = e.timestamp();
                    if ((r.size = row + 1) == r.capacity) {
                        r.watermark = watermark;
                        pipe.publish();
                    }
                }
                for (Pipe pipe : out) {
                    pipe.current.watermark = watermark;
                    pipe.end();
                }
            });
        }
        for (int c = 0; c < 2; c++) {
            Pipe[] in = {toCount[0][c], toCount[1][c]};
            Pipe out = toSink[c];
            tasks.add(() -> {
                TreeMap<Long, Map<String, long[]>> windows = new TreeMap<>();
                long[] marks = {Long.MIN_VALUE, Long.MIN_VALUE};
                consume(in, new Fold() {
                    @Override
                    public void batch(int input, Rows r) {
                        Object[] refs = r.refs;
                        long[] longs = r.longs;
                        // rows of one input come in time order: look the window up only when it changes
                        long open = Long.MIN_VALUE;
                        Map<String, long[]> counts = null;
                        for (int row = 0; row < r.size; row++) {
                            long start = Events.w4WindowStart(longs[row]);
                            if (start != open || counts == null) {
                                counts = windows.computeIfAbsent(start, w -> new HashMap<>());
                                open = start;
                            }
                            counts.computeIfAbsent((String) refs[row], k -> new long[1])[0]++;
                        }
                        marks[input] = Math.max(marks[input], r.watermark);
                        fireW4(windows, Math.min(marks[0], marks[1]), out);
                    }

                    @Override
                    public void ended(int input) {
                        marks[input] = Long.MAX_VALUE; // an ended input holds no window back
                        fireW4(windows, Math.min(marks[0], marks[1]), out);
                    }
                });
                fireW4(windows, Long.MAX_VALUE, out);
                out.end();
            });
        }
        List<W4Result.Count> fired = new ArrayList<>();
        tasks.add(() -> consume(toSink, (p, r) -> {
            for (int row = 0; row < r.size; row++) {
                W4Result.Count[] counts = (W4Result.Count[]) r.refs[row];
                fired.addAll(List.of(counts));
            }
        }));
        runAll(tasks);
        return new W4Result(fired);
    }

    /** Emits every window whose end is at or below {@code watermark}, earliest first, one row per window. */
    private static void fireW4(TreeMap<Long, Map<String, long[]>> windows, long watermark, Pipe out) {
        while (!windows.isEmpty() && windows.firstKey() + Events.W4_WINDOW_MS - 1 <= watermark) {
            Map.Entry<Long, Map<String, long[]>> w = windows.pollFirstEntry();
            List<W4Result.Count> counts = new ArrayList<>();
            w.getValue().forEach((color, count) -> counts.add(new W4Result.Count(w.getKey(), color, count[0])));
            Rows o = out.current;
            o.refs[o.size] = counts.toArray(new W4Result.Count[0]);
            if (++o.size == o.capacity) {
                out.publish();
            }
        }
    }
}
