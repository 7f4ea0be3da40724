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
 * <p>Keys are compared with {@code equals} and are never null (generated code rejects null
 * keys before they get here; null marks an empty slot). Keys must not change their
 * {@code hashCode} while in the table. Keys are never removed. Not thread-safe: each subtask
 * owns its state.
 *
 * @see OpenAddressing
 */
public final class RefKeyLongState<K> {
    private Object[] keys;
    private long[] values;
    /** capacity - 1 */
    private int mask;
    private int size;
    private int maxFill;

    public RefKeyLongState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys before its first resize. */
    public RefKeyLongState(int expectedKeys) {
        allocate(OpenAddressing.capacityFor(expectedKeys));
    }

    /** The slot holding {@code key}, or -1 if the key is absent. */
    public int indexOf(K key) {
        Object[] keys = this.keys;
        int mask = this.mask;
        int slot = OpenAddressing.spread(key) & mask;
        Object k;
        while ((k = keys[slot]) != null) {
            if (k == key || key.equals(k)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(K key, long value) {
        if (size >= maxFill) {
            rehash(OpenAddressing.grow(mask + 1));
        }
        Object[] keys = this.keys;
        int slot = OpenAddressing.spread(key) & mask;
        Object k;
        while ((k = keys[slot]) != null) {
            if (k == key || key.equals(k)) {
                throw OpenAddressing.duplicate(key);
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
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

    /** How many keys the table holds. */
    public int size() {
        return size;
    }

    /** How many slots to iterate over: {@code for (int s = 0; s < slots(); s++) if (occupied(s)) ...}. */
    public int slots() {
        return mask + 1;
    }

    /** True if {@code slot} holds a key. */
    public boolean occupied(int slot) {
        return keys[slot] != null;
    }

    /** The key in an occupied slot. */
    @SuppressWarnings("unchecked") // only K is ever stored
    public K key(int slot) {
        return (K) keys[slot];
    }

    private void allocate(int capacity) {
        keys = new Object[capacity];
        values = new long[capacity];
        mask = capacity - 1;
        maxFill = OpenAddressing.maxFill(capacity);
    }

    private void rehash(int capacity) {
        Object[] oldKeys = keys;
        long[] oldValues = values;
        allocate(capacity);
        Object[] keys = this.keys;
        int mask = this.mask;
        for (int i = 0; i < oldKeys.length; i++) {
            Object key = oldKeys[i];
            if (key != null) {
                int slot = OpenAddressing.spread(key) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = oldValues[i];
            }
        }
    }
}
