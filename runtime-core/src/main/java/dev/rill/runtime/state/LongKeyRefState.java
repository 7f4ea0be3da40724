package dev.rill.runtime.state;

/**
 * Keyed state with {@code long} keys and object values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key, without boxing the key. No allocation per operation,
 * only when the table grows. {@link LongKeyLongState}'s twin, laid out the same way (a direct
 * part for small keys, a hashed part for the rest); see there for why.
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
 * how windows fire and snapshots will write it out.
 *
 * <p>Slots {@code [0, directCapacity)} are the direct part (slot = key), the rest the hashed
 * part. Keys are never removed. Not thread-safe: each subtask owns its state.
 *
 * @see OpenAddressing
 */
public final class LongKeyRefState<V> {
    private static final long[] NO_BITS = new long[0];

    /** Values of the direct part, indexed by key. */
    private Object[] directValues = new Object[0];
    /** One bit per direct slot: whether that key is present (values may be null). */
    private long[] directPresent = NO_BITS;
    /** Keys in {@code [0, directCapacity)} are direct; 0 or a power of two at least {@link OpenAddressing#MIN_DIRECT}. */
    private int directCapacity;

    /** The hashed part; 0 marks an empty slot (key 0 is always direct). */
    private long[] keys;
    private Object[] values;
    /** Hashed capacity - 1. */
    private int mask;
    private int hashedSize;
    private int maxFill;
    /** Keys in both parts. */
    private int size;

    public LongKeyRefState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys (any keys) before its hashed part first resizes. */
    public LongKeyRefState(int expectedKeys) {
        allocate(OpenAddressing.capacityFor(expectedKeys));
    }

    /** The slot holding {@code key}, or -1 if the key is absent. */
    public int indexOf(long key) {
        if (key >= 0 && key < directCapacity) {
            int k = (int) key;
            return (directPresent[k >>> 6] & (1L << k)) != 0 ? k : -1;
        }
        int slot = OpenAddressing.probe(keys, mask, key);
        return slot >= 0 ? directCapacity + slot : -1;
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(long key, V value) {
        if (key >= directCapacity) {
            int grown = OpenAddressing.directCapacityFor(key, size);
            if (grown > 0) {
                growDirect(grown);
            }
        }
        if (key >= 0 && key < directCapacity) {
            int k = (int) key;
            long bit = 1L << k;
            if ((directPresent[k >>> 6] & bit) != 0) {
                throw OpenAddressing.duplicate(key);
            }
            directPresent[k >>> 6] |= bit;
            directValues[k] = value;
            size++;
            return k;
        }
        if (hashedSize >= maxFill) {
            rehash(OpenAddressing.grow(mask + 1));
        }
        int slot = place(key);
        if (slot < 0) {
            throw OpenAddressing.duplicate(key);
        }
        values[slot] = value;
        size++;
        return directCapacity + slot;
    }

    /** The value in an occupied slot. */
    @SuppressWarnings("unchecked")
    public V value(int slot) {
        int direct = directCapacity;
        return (V) (slot < direct ? directValues[slot] : values[slot - direct]);
    }

    /** Replaces the value in an occupied slot. */
    public void set(int slot, V value) {
        int direct = directCapacity;
        if (slot < direct) {
            directValues[slot] = value;
        } else {
            values[slot - direct] = value;
        }
    }

    /** How many keys the table holds. */
    public int size() {
        return size;
    }

    /**
     * How many slots to iterate over: {@code for (int s = 0; s < slots(); s++) if (occupied(s)) ...}.
     * Direct keys come first, in ascending order.
     */
    public int slots() {
        return directCapacity + mask + 1;
    }

    /** True if {@code slot} holds a key. */
    public boolean occupied(int slot) {
        int direct = directCapacity;
        return slot < direct ? (directPresent[slot >>> 6] & (1L << slot)) != 0 : keys[slot - direct] != 0;
    }

    /** The key in an occupied slot. */
    public long key(int slot) {
        int direct = directCapacity;
        return slot < direct ? slot : keys[slot - direct];
    }

    /** Makes the direct part {@code capacity} slots and moves into it the hashed keys it now covers. */
    private void growDirect(int capacity) {
        Object[] values = new Object[capacity];
        long[] present = new long[capacity >>> 6];
        System.arraycopy(directValues, 0, values, 0, directCapacity);
        System.arraycopy(directPresent, 0, present, 0, directPresent.length);
        directValues = values;
        directPresent = present;
        directCapacity = capacity;
        rehash(mask + 1);
    }

    /**
     * Puts {@code key} (absent from the direct part's range) into the hashed part; returns its
     * slot there, or -1 if it is already present.
     */
    private int place(long key) {
        int slot = OpenAddressing.probe(keys, mask, key);
        if (slot >= 0) {
            return -1;
        }
        slot = -slot - 1;
        keys[slot] = key;
        hashedSize++;
        return slot;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        hashedSize = 0;
        maxFill = OpenAddressing.maxFill(capacity);
    }

    /**
     * Rebuilds the hashed part at {@code capacity} slots; keys the direct part now covers go
     * there instead.
     */
    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key == 0) {
                continue;
            }
            if (key > 0 && key < directCapacity) {
                int k = (int) key;
                directPresent[k >>> 6] |= 1L << k;
                directValues[k] = oldValues[i];
            } else {
                values[place(key)] = oldValues[i];
            }
        }
    }
}
