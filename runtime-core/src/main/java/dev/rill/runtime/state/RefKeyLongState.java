package dev.rill.runtime.state;

/**
 * Keyed state with object keys and {@code long} values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key. An open-addressing table with linear probing in
 * parallel arrays; no allocation per operation (no entry objects, no boxing), only when the
 * table doubles (at 3/4 full).
 *
 * <pre>{@code
 * RefKeyLongState<String> counts = new RefKeyLongState<>();
 * int slot = counts.indexOf(color);
 * if (slot < 0) {
 *     counts.insert(color, pipeline.count(0L, event));
 * } else {
 *     counts.set(slot, pipeline.count(counts.value(slot), event));
 * }
 * }</pre>
 *
 * <p>The API is slot-based so that a read-modify-write probes the table once: {@code indexOf},
 * then {@code value} and {@code set} on the slot. Slots also make the table iterable without
 * an iterator object ({@link #slots()}, {@link #occupied(int)}, {@link #key(int)}), which is
 * how snapshots will write it out.
 *
 * <p>Keys are compared with {@code equals}, never null, and must not change their
 * {@code hashCode} while in the table; where keys go and why each slot keeps its key's hash
 * code: {@link RefKeyIndex}.
 */
public final class RefKeyLongState<K> extends RefKeyIndex<K> {
    /** Indexed by slot. */
    private long[] values;

    public RefKeyLongState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys before its first resize. */
    public RefKeyLongState(int expectedKeys) {
        super(expectedKeys);
        values = new long[slots()];
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(K key, long value) {
        int slot = add(key);
        values[slot] = value;
        return slot;
    }

    /** The value in an occupied slot. */
    public long value(int slot) {
        return values[slot];
    }

    /** Replaces the value in an occupied slot. */
    public void set(int slot, long value) {
        values[slot] = value;
    }

    @Override
    void moveValues(int slots, int[] to) {
        long[] old = values;
        values = new long[slots];
        for (int i = 0; i < to.length; i++) {
            if (to[i] >= 0) {
                values[to[i]] = old[i];
            }
        }
    }

    @Override
    void clearValues() {
        // insert writes a key's value with the key: what a cleared slot held is never read
    }
}
