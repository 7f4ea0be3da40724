package dev.rill.runtime.exec;

import dev.rill.runtime.exchange.KeyGroups;
import dev.rill.runtime.exchange.Batch;
import dev.rill.runtime.exchange.BatchChannel;

/**
 * A chain whose head reads from exchanges: the runtime drives the loop over its input
 * channels and hands each batch to the generated {@link #consume(Batch)}.
 *
 * <p>The loop polls the inputs round-robin, one batch per input per pass, so a fast upstream
 * cannot starve a slow one. An input ends at its last batch; when all have ended,
 * {@link #endOfInput()} runs and the subtask returns (then {@link Subtask} closes its
 * outputs). When no input has anything, the subtask first spins, then publishes its partial
 * output batches (downstream should not wait for rows we hold while we idle) and parks until
 * an upstream producer publishes or a downstream consumer frees a batch we could flush into.
 * Cancellation is checked per batch, so a cancelled job drains nothing further.
 */
public abstract class ExchangeSubtask extends Subtask {
    protected ExchangeSubtask(Job job, String name, int index, int parallelism) {
        super(job, name, index, parallelism);
    }

    /**
     * Whether a key hashing to {@code keyHash} belongs to this subtask's key groups. Generated
     * code asks when a new key enters keyed state that a hash exchange filled without shipping
     * its keys (the keyed stage takes each key again from its element with the same
     * {@code @KeyBy}, as Flink's keyed operators do), and throws {@link #foreignKey} if not: a
     * key selector that returned another key for the same element, or a {@code hashCode()} that
     * changed, would otherwise put the key's state in the wrong subtask without a word. Once
     * per key, so it costs nothing per element.
     *
     * <p>A question and a separate failure rather than one check that takes the element: what
     * names the element in the message (for a record rebuilt from a batch row, a string built
     * from its components) is then computed only on the branch that fails, not for every new
     * key.
     */
    protected final boolean ownsKey(int keyHash, int maxParallelism) {
        return KeyGroups.subtask(keyHash, maxParallelism, parallelism()) == subtaskIndex();
    }

    /**
     * The failure for a key that {@link #ownsKey} refused.
     *
     * @param keyBy the {@code @KeyBy} stage's name, for the message
     */
    protected final RuntimeException foreignKey(Object key, int keyHash, int maxParallelism, String keyBy,
            Object element) {
        int owner = KeyGroups.subtask(keyHash, maxParallelism, parallelism());
        return failure(keyBy, element, new IllegalStateException("key " + key + " belongs to subtask " + owner
                + ", not " + subtaskIndex() + ": @KeyBy " + keyBy + " must return an equal key, with the same"
                + " hashCode(), every time it is called on the same element (Rill calls it again in the keyed stage)"));
    }

    @Override
    protected final void execute() {
        BatchChannel[] open = inputs.clone();
        int openCount = open.length;
        // the last watermark seen on each open input, kept in step with open[]
        long[] marks = new long[openCount];
        java.util.Arrays.fill(marks, NO_WATERMARK);
        int next = 0;
        int idleRounds = 0;
        while (openCount > 0) {
            boolean progressed = false;
            for (int i = 0; i < openCount; ) {
                BatchChannel input = open[next];
                Batch batch = input.poll();
                if (batch == null) {
                    next = next + 1 == openCount ? 0 : next + 1;
                    i++;
                    continue;
                }
                if (job.isCancelled()) {
                    throw Cancellation.INSTANCE;
                }
                if (batch.size != 0) {
                    consume(batch);
                }
                boolean last = batch.isLast();
                long mark = batch.watermark(); // read before release hands the batch back
                input.release();
                progressed = true;
                i++;
                boolean marksMoved = last || mark > marks[next];
                if (last) {
                    // Drop the ended input by moving the last open one into its place.
                    open[next] = open[--openCount];
                    marks[next] = marks[openCount];
                    open[openCount] = null;
                    if (next >= openCount) {
                        next = 0;
                    }
                } else {
                    marks[next] = Math.max(marks[next], mark);
                    next = next + 1 == openCount ? 0 : next + 1;
                }
                if (marksMoved) {
                    advanceWatermark(marks, openCount);
                }
            }
            if (progressed) {
                if (idleRounds != 0) {
                    worker.resume();
                    idleRounds = 0;
                }
            } else {
                if (idleRounds >= Worker.SPIN_ROUNDS) {
                    flushOutputs();
                }
                idleRounds = worker.idleForInput(idleRounds);
            }
        }
        worker.resume();
        advanceWatermark(marks, 0); // every input ended: the final watermark
        endOfInput();
    }

    /** Moves the input watermark to the minimum over the open inputs, if that is later. */
    private void advanceWatermark(long[] marks, int openCount) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < openCount; i++) {
            min = Math.min(min, marks[i]);
        }
        if (min > inputWatermark) {
            inputWatermark = min;
            onWatermark(min);
        }
    }

    /**
     * Called on this subtask's thread when the input watermark advances, between batches:
     * where windowed stages fire the windows it closes. Rows emitted here are ordered before
     * the new watermark downstream.
     */
    protected void onWatermark(long watermark) {
    }

    /**
     * Processes one non-empty batch from an input. The batch belongs to the runtime again as
     * soon as this returns: keep no reference to it or its arrays.
     */
    protected abstract void consume(Batch batch);

    /** Called once after the last batch of every input: where windows will flush their state. */
    protected void endOfInput() {
    }
}
