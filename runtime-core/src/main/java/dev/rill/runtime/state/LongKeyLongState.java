package dev.rill.runtime.state;

/**
 * Keyed state with {@code long} keys and {@code long} values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key, without boxing the key. No allocation per operation,
 * only when the table grows.
 *
 * <pre>{@code
 * LongKeyLongState counts = new LongKeyLongState();
 * int slot = counts.indexOf(userId);
 * if (slot < 0) {
 *     counts.insert(userId, 1L);
 * } else {
 *     counts.set(slot, counts.value(slot) + 1);
 * }
 * }</pre>
 *
 * <p>The API is slot-based so that a read-modify-write probes the table once: {@code indexOf},
 * then {@code value} and {@code set} on the slot. Slots also make the table iterable without
 * an iterator object ({@link #slots()}, {@link #occupied(int)}, {@link #key(int)}), which is
 * how windows fire and snapshots will write it out.
 *
 * <p>Two parts. Small non-negative keys, the ids, buckets and partition numbers that int keys
 * usually are, live in a <em>direct</em> part: an array indexed by the key itself, with a bit
 * per key saying whether it is present, so a lookup is one load and keys that arrive in order
 * are read and written in order (W3 sums 65,536 such keys; ClickHouse's FixedHashMap and
 * DuckDB's perfect hash aggregate do the same). It covers {@code [0, directCapacity)}, a power
 * of two that grows while at least a quarter of its slots would be used (counting every key the
 * table holds), or while it has at most {@value OpenAddressing#MIN_DIRECT} slots; so it never
 * takes more than 32 bytes per key held ({@link OpenAddressing#directCapacityFor}). Every other key lives in an open-addressing table with linear
 * probing in parallel arrays, which doubles at 3/4 full; when the direct part grows, the keys
 * it now covers move into it, so each key has exactly one place. Key 0 is always direct, which
 * frees it to mark empty slots in the hashed part; every {@code long} is a valid key.
 *
 * <p>Slots {@code [0, directCapacity)} are the direct part (slot = key), the rest the hashed
 * part. Keys are never removed. Not thread-safe: each subtask owns its state.
 *
 * @see OpenAddressing
 */
public final class LongKeyLongState {
    private static final long[] NONE = new long[0];

    /** Values of the direct part, indexed by key. */
    private long[] directValues = NONE;
    /** One bit per direct slot: whether that key is present. */
    private long[] directPresent = NONE;
    /** Keys in {@code [0, directCapacity)} are direct; 0 or a power of two at least {@link OpenAddressing#MIN_DIRECT}. */
    private int directCapacity;

    /** The hashed part; 0 marks an empty slot (key 0 is always direct). */
    private long[] keys;
    private long[] values;
    /** Hashed capacity - 1. */
    private int mask;
    private int hashedSize;
    private int maxFill;
    /** Keys in both parts. */
    private int size;

    public LongKeyLongState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys (any keys) before its hashed part first resizes. */
    public LongKeyLongState(int expectedKeys) {
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
    public int insert(long key, long value) {
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
    public long value(int slot) {
        int direct = directCapacity;
        return slot < direct ? directValues[slot] : values[slot - direct];
    }

    /** Replaces the value in an occupied slot. */
    public void set(int slot, long value) {
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
        long[] values = new long[capacity];
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
        values = new long[capacity];
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
        long[] oldValues = values;
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
