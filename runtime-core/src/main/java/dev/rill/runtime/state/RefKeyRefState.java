package dev.rill.runtime.state;

import java.util.Arrays;

/**
 * Keyed state with object keys and object values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key. An open-addressing table with linear probing in
 * parallel arrays; no allocation per operation (no entry objects, no boxing), only when the
 * table doubles (at 3/4 full).
 *
 * <pre>{@code
 * RefKeyRefState<String, Stats> stats = new RefKeyRefState<>();
 * int slot = stats.indexOf(sensor);
 * Stats acc = pipeline.add(slot < 0 ? pipeline.initial() : stats.value(slot), reading);
 * if (slot < 0) stats.insert(sensor, acc); else stats.set(slot, acc);
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
public final class RefKeyRefState<K, V> extends RefKeyIndex<K> {
    /** Indexed by slot. */
    private Object[] values;

    public RefKeyRefState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys before its first resize. */
    public RefKeyRefState(int expectedKeys) {
        super(expectedKeys);
        values = new Object[slots()];
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(K key, V value) {
        int slot = add(key);
        values[slot] = value;
        return slot;
    }

    /** The value in an occupied slot. */
    @SuppressWarnings("unchecked") // only V is ever stored
    public V value(int slot) {
        return (V) values[slot];
    }

    /** Replaces the value in an occupied slot. */
    public void set(int slot, V value) {
        values[slot] = value;
    }

    @Override
    void moveValues(int slots, int[] to) {
        Object[] old = values;
        values = new Object[slots];
        for (int i = 0; i < to.length; i++) {
            if (to[i] >= 0) {
                values[to[i]] = old[i];
            }
        }
    }

    @Override
    void clearValues() {
        Arrays.fill(values, null);
    }
}
