package dev.rill.runtime.state;

/**
 * Keyed state with {@code long} keys and object values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key, without boxing the key. An open-addressing table with
 * linear probing in parallel arrays; no allocation per operation, only when the table doubles
 * (at 3/4 full).
 *
 * <pre>{@code
 * LongKeyRefState<Stats> stats = new LongKeyRefState<>();
 * int slot = stats.indexOf(sensorId);
 * Stats acc = slot < 0 ? pipeline.initial() : stats.value(slot);
 * acc = pipeline.add(acc, reading);
 * if (slot < 0) stats.insert(sensorId, acc); else stats.set(slot, acc);
 * }</pre>
 *
 * <p>The API is slot-based so that a read-modify-write probes the table once: {@code indexOf},
 * then {@code value} and {@code set} on the slot. Slots also make the table iterable without
 * an iterator object ({@link #slots()}, {@link #occupied(int)}, {@link #key(int)}), which is
 * how snapshots will write it out.
 *
 * <p>Key 0 marks an empty slot in the key array, so key 0 itself lives in an extra slot at the
 * end of the arrays (index {@code capacity}); every {@code long}, including 0 and
 * {@link Long#MIN_VALUE}, is a valid key. Keys are never removed. Not thread-safe: each
 * subtask owns its state.
 *
 * @see OpenAddressing
 */
public final class LongKeyRefState<V> {
    private long[] keys;
    private Object[] values;
    /** capacity - 1; the zero key's slot is {@code mask + 1}. */
    private int mask;
    private boolean hasZeroKey;
    /** Keys in the table, the zero key included. */
    private int size;
    private int maxFill;

    public LongKeyRefState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys before its first resize. */
    public LongKeyRefState(int expectedKeys) {
        allocate(OpenAddressing.capacityFor(expectedKeys));
    }

    /** The slot holding {@code key}, or -1 if the key is absent. */
    public int indexOf(long key) {
        if (key == 0) {
            return hasZeroKey ? mask + 1 : -1;
        }
        int slot = OpenAddressing.probe(keys, mask, key);
        return slot >= 0 ? slot : -1;
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(long key, V value) {
        if (key == 0) {
            if (hasZeroKey) {
                throw OpenAddressing.duplicate(key);
            }
            hasZeroKey = true;
            size++;
            values[mask + 1] = value;
            return mask + 1;
        }
        if (size - (hasZeroKey ? 1 : 0) >= maxFill) {
            rehash(OpenAddressing.grow(mask + 1));
        }
        int slot = OpenAddressing.probe(keys, mask, key);
        if (slot >= 0) {
            throw OpenAddressing.duplicate(key);
        }
        slot = -slot - 1;
        keys[slot] = key;
        values[slot] = value;
        size++;
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

    /** How many keys the table holds. */
    public int size() {
        return size;
    }

    /** How many slots to iterate over: {@code for (int s = 0; s < slots(); s++) if (occupied(s)) ...}. */
    public int slots() {
        return mask + 2;
    }

    /** True if {@code slot} holds a key. */
    public boolean occupied(int slot) {
        return slot == mask + 1 ? hasZeroKey : keys[slot] != 0;
    }

    /** The key in an occupied slot. */
    public long key(int slot) {
        return keys[slot];
    }

    private void allocate(int capacity) {
        keys = new long[capacity + 1];
        values = new Object[capacity + 1];
        mask = capacity - 1;
        maxFill = OpenAddressing.maxFill(capacity);
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        int oldZeroSlot = mask + 1;
        allocate(capacity);
        long[] keys = this.keys;
        int mask = this.mask;
        for (int i = 0; i < oldZeroSlot; i++) {
            long key = oldKeys[i];
            if (key != 0) {
                int slot = OpenAddressing.spread(key) & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = oldValues[i];
            }
        }
        values[mask + 1] = oldValues[oldZeroSlot];
    }
}
