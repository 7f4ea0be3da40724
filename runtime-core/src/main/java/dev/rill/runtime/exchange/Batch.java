package dev.rill.runtime.exchange;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * One batch of rows moving through a {@link BatchChannel}. A channel allocates its batches
 * once and recycles them for the whole run, so moving elements between threads allocates
 * nothing per row or per batch (only a new reference array per batch after a garbage
 * collection: see {@link #recycle()}).
 *
 * <p>A row is a fixed number of reference slots and a fixed number of {@code long} slots,
 * both row-major: row {@code r}'s references are {@code refs[r * refWidth .. r * refWidth +
 * refWidth - 1]}, its primitives {@code longs[r * longWidth .. ]}. Two flat arrays instead of
 * one object per row keep primitive keys and accumulators unboxed (generated code encodes
 * {@code int}, {@code double} and friends into a {@code long}) and keep the rows contiguous
 * for the consumer's loop.
 *
 * <pre>{@code
 * // producer side, as generated code writes a (key, element) row
 * Batch b = channel.batch;
 * int row = b.size;
 * b.refs[row * 2] = key;
 * b.refs[row * 2 + 1] = element;
 * channel.commit();
 *
 * // consumer side
 * for (int row = 0; row < b.size; row++) {
 *     process(b.refs[row * 2], b.refs[row * 2 + 1]);
 * }
 * }</pre>
 *
 * <p>The fields are public and mutable because the generated loops read and write them
 * directly; only the thread that currently owns the batch (the producer while it fills it,
 * the consumer between {@code poll()} and {@code release()}) may touch it.
 */
public final class Batch {
    /**
     * Written by generated code in the slot of a record's first reference component when the
     * record itself is null: records cross exchanges as their components (see the processor's
     * {@code RowLayout}), and a null component must stay distinguishable from a null record. A
     * record that ships no reference component is marked with {@link #markNullRecord} instead.
     */
    public static final Object NULL_RECORD = new Object() {
        @Override
        public String toString() {
            return "Batch.NULL_RECORD";
        }
    };

    private static final Object[] NO_REFS = new Object[0];
    private static final long[] NO_LONGS = new long[0];

    /**
     * Reference slots, row-major, {@code refWidth} per row. Replaced by a new array when the
     * batch is recycled after a garbage collection (see {@link #recycle()}), so read it from
     * the batch each time the batch is taken, never keep it longer.
     */
    public Object[] refs;
    /** Primitive slots, row-major, {@code longWidth} per row. */
    public final long[] longs;
    /** Rows this batch holds when full. */
    public final int capacity;
    /** Rows filled so far. */
    public int size;

    private final int refWidth;
    private final int longWidth;
    /** Set by the producer on the final batch of a channel, before publishing it. */
    boolean last;
    /** The producer's watermark when it published this batch; applies after the batch's rows. */
    long watermark = WatermarkSource.NO_WATERMARK;
    /**
     * Which rows carry a null record of a row layout that has no reference slot to mark it in
     * ({@link #markNullRecord}); made the first time this batch gets one.
     */
    private boolean[] nullRecords;
    /** Whether a row of this batch was marked since it was last recycled. */
    private boolean hasNullRecords;
    /**
     * Refers to an object nothing else holds, made with {@link #refs}: the first garbage
     * collection after that clears it, which tells {@link #recycle()} that {@code refs} has
     * begun to age. Null when the batch has no reference slots.
     */
    private WeakReference<Object> sinceRefs;

    public Batch(int capacity, int refWidth, int longWidth) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (refWidth < 0 || longWidth < 0) {
            throw new IllegalArgumentException("negative row width: refs " + refWidth + ", longs " + longWidth);
        }
        this.capacity = capacity;
        this.refWidth = refWidth;
        this.longWidth = longWidth;
        this.refs = refWidth == 0 ? NO_REFS : new Object[slots(capacity, refWidth)];
        this.sinceRefs = refWidth == 0 ? null : new WeakReference<>(new Object());
        this.longs = longWidth == 0 ? NO_LONGS : new long[slots(capacity, longWidth)];
    }

    /** True on the final batch of a channel: the producer's input has ended. It may be empty. */
    public boolean isLast() {
        return last;
    }

    /** The producer's event-time watermark at publication; {@link Long#MAX_VALUE} on the last batch. */
    public long watermark() {
        return watermark;
    }

    /** Reference slots per row. */
    public int refWidth() {
        return refWidth;
    }

    /** {@code long} slots per row. */
    public int longWidth() {
        return longWidth;
    }

    /**
     * Producer side: row {@code row} carries a null record whose shipped components are all
     * primitives (generated code). Such a record once had a reference slot of its own per row,
     * written only for a null record, which the consumer then read on every row and cleared on
     * every recycle: for W3 (an int key and an int value) a third of what crossed between the
     * cores. A flag per batch, read once, replaces both; see the processor's {@code RowLayout}.
     */
    public void markNullRecord(int row) {
        if (nullRecords == null) {
            nullRecords = new boolean[capacity];
        }
        nullRecords[row] = true;
        hasNullRecords = true;
    }

    /**
     * Consumer side: which rows {@link #markNullRecord} marked, indexed by row, or null when it
     * marked none in this batch, which is what a consumer checks first, once per batch.
     */
    public boolean[] nullRecords() {
        return hasNullRecords ? nullRecords : null;
    }

    /**
     * Makes the batch empty again for the producer. References are cleared so that elements
     * the consumer is done with can be collected even while the batch sits idle in the ring;
     * primitive slots are simply overwritten later, and rows marked with {@link #markNullRecord}
     * unmarked.
     *
     * <p>After a garbage collection, the reference array is replaced by a new one instead, so
     * that it never lives long enough to be promoted. A channel lives as long as its pipeline,
     * hours in a service, and its arrays would otherwise end up in the old generation while
     * the elements written into them are young: under G1 every such store then dirties a card
     * behind a StoreLoad fence and queues it for refinement, and each young collection scans
     * those cards. Measured in JMH on OpenJDK 17 with G1 ({@code LongLivedExchangeBench}: 10 M
     * fresh elements from one thread to another through a channel built per run or promoted by
     * two full collections; two alternations with the build before this): promoted, 77.8 and
     * 78.5 M elements/s before, 197 and 186 after, level with a channel built per run (212 and
     * 194). It costs a new array per batch and collection, a few kilobytes, nothing per row,
     * and a load per batch to check.
     */
    void recycle() {
        if (refWidth != 0) {
            if (sinceRefs.refersTo(null)) {
                refs = new Object[refs.length];
                sinceRefs = new WeakReference<>(new Object());
            } else if (size != 0) {
                Arrays.fill(refs, 0, size * refWidth, null);
            }
        }
        if (hasNullRecords) {
            Arrays.fill(nullRecords, 0, size, false);
            hasNullRecords = false;
        }
        size = 0;
        last = false;
    }

    private static int slots(int capacity, int width) {
        long slots = (long) capacity * width;
        if (slots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch too large: " + capacity + " rows of " + width + " slots");
        }
        return (int) slots;
    }

    @Override
    public String toString() {
        return "Batch[" + size + "/" + capacity + (last ? ", last]" : "]");
    }
}
