package dev.rill.runtime.state;

import java.util.Arrays;

/**
 * Keyed state with {@code long} keys and object values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key, without boxing the key. No allocation per operation,
 * only when the table grows. Where keys go, and why small ones are indexed directly:
 * {@link LongKeyIndex}. Values may be null.
 *
 * <pre>{@code
 * LongKeyRefState<Stats> stats = new LongKeyRefState<>();
 * int slot = stats.indexOf(sensorId);
 * Stats acc = slot < 0 ? pipeline.initial() : stats.value(slot);
 * acc = pipeline.add(acc, reading);
 * if (slot < 0) stats.insert(sensorId, acc); else stats.set(slot, acc);
 * }</pre>
 *
 * @param <V> the value type
 */
public final class LongKeyRefState<V> extends LongKeyIndex {
    /** Indexed by slot. */
    private Object[] values;

    public LongKeyRefState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys (any keys) before its hashed part first resizes. */
    public LongKeyRefState(int expectedKeys) {
        super(expectedKeys);
        values = new Object[slots()];
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(long key, V value) {
        int slot = add(key);
        values[slot] = value;
        return slot;
    }

    /** The value in an occupied slot. */
    @SuppressWarnings("unchecked")
    public V value(int slot) {
        return (V) values[slot];
    }

    /** Replaces the value in an occupied slot. */
    public void set(int slot, V value) {
        values[slot] = value;
    }

    @Override
    void moveValues(int slots, int oldDirect, int[] to) {
        Object[] old = values;
        values = new Object[slots];
        System.arraycopy(old, 0, values, 0, oldDirect);
        for (int i = 0; i < to.length; i++) {
            if (to[i] >= 0) {
                values[to[i]] = old[oldDirect + i];
            }
        }
    }

    @Override
    void clearValues() {
        Arrays.fill(values, null);
    }
}
