package dev.rill.runtime.state;

import java.util.Arrays;

/**
 * The keys of a keyed-state table with {@code long} keys, and the slot of each: the part
 * {@link LongKeyLongState} and {@link LongKeyRefState} share. A subclass keeps one array of
 * values indexed by slot and moves it along when the keys move ({@link #moveValues}).
 *
 * <p>Two parts. Small non-negative keys, the ids, buckets and partition numbers that int keys
 * usually are, live in a <em>direct</em> part: slot = key, with a bit per key saying whether it
 * is present, so a lookup is one load and keys that arrive in order are read and written in
 * order (W3 sums 65,536 such keys; ClickHouse's FixedHashMap and DuckDB's perfect hash
 * aggregate do the same). It covers {@code [0, directCapacity)}, a power of two that grows
 * while at least a quarter of its slots would be used, counting every key the table holds, or
 * while it has at most {@value #MIN_DIRECT} slots ({@link #directCapacityFor}): so it never
 * takes more than four slots per key held. Every other key lives in the <em>hashed</em> part,
 * slots {@code directCapacity} on: open addressing with linear probing, doubling at 3/4 full
 * ({@link OpenAddressing}). When the direct part grows, the hashed keys it now covers move
 * into it, so each key has exactly one slot. Key 0 is always direct, which frees 0 to mark
 * empty slots in the hashed part; every {@code long} is a valid key.
 *
 * <p>The API is slot-based so that a read-modify-write probes the table once: {@code indexOf},
 * then the subclass's {@code value} and {@code set} on the slot. Slots also make the table
 * iterable without an iterator object ({@link #slots()}, {@link #occupied(int)},
 * {@link #key(int)}), which is how windows fire and snapshots will write it out; direct keys
 * come first, in ascending order. Keys are never removed one by one, only all at once
 * ({@link #clear()}). Not thread-safe: each subtask owns its state.
 */
abstract class LongKeyIndex implements KeyedTable {
    /** The smallest direct part, made for the first small key whatever the density: 64 slots. */
    static final int MIN_DIRECT = 64;
    /** The largest direct part: 2^24 slots (128 MB of long values, so at least 4 M keys held). */
    static final int MAX_DIRECT = 1 << 24;

    private static final long[] NO_BITS = new long[0];

    /** One bit per direct slot: whether that key is present (values may be anything, null too). */
    private long[] directPresent = NO_BITS;
    /** Keys in {@code [0, directCapacity)} are direct; 0 or a power of two at least {@link #MIN_DIRECT}. */
    private int directCapacity;

    /** The hashed part's keys; 0 marks an empty slot. */
    private long[] keys;
    /** Hashed capacity - 1. */
    private int mask;
    private int hashedSize;
    private int maxFill;
    /** Keys in both parts. */
    private int size;

    /** An index whose hashed part takes {@code expectedKeys} keys before it first resizes. */
    LongKeyIndex(int expectedKeys) {
        allocateHashed(OpenAddressing.capacityFor(expectedKeys));
    }

    /** The slot holding {@code key}, or -1 if the key is absent. */
    public final int indexOf(long key) {
        if (key >= 0 && key < directCapacity) {
            int k = (int) key;
            return (directPresent[k >>> 6] & (1L << k)) != 0 ? k : -1;
        }
        int slot = probe(keys, mask, key);
        return slot >= 0 ? directCapacity + slot : -1;
    }

    /** How many keys the table holds. */
    public final int size() {
        return size;
    }

    /** How many slots to iterate over: {@code for (int s = 0; s < slots(); s++) if (occupied(s)) ...}. */
    public final int slots() {
        return directCapacity + mask + 1;
    }

    /** True if {@code slot} holds a key. */
    public final boolean occupied(int slot) {
        int direct = directCapacity;
        return slot < direct ? (directPresent[slot >>> 6] & (1L << slot)) != 0 : keys[slot - direct] != 0;
    }

    /** The key in an occupied slot. */
    public final long key(int slot) {
        int direct = directCapacity;
        return slot < direct ? slot : keys[slot - direct];
    }

    /**
     * Gives the absent {@code key} a slot and returns it, growing first if needed (which moves
     * every key, and through {@link #moveValues} every value).
     *
     * @throws IllegalArgumentException if the key is present
     */
    final int add(long key) {
        if (key >= directCapacity) {
            int grown = directCapacityFor(key, size);
            if (grown > 0) {
                relocate(grown, mask + 1);
            }
        }
        if (key >= 0 && key < directCapacity) {
            int k = (int) key;
            long bit = 1L << k;
            if ((directPresent[k >>> 6] & bit) != 0) {
                throw OpenAddressing.duplicate(key);
            }
            directPresent[k >>> 6] |= bit;
            size++;
            return k;
        }
        if (hashedSize >= maxFill) {
            relocate(directCapacity, OpenAddressing.grow(mask + 1));
        }
        int slot = probe(keys, mask, key);
        if (slot >= 0) {
            throw OpenAddressing.duplicate(key);
        }
        slot = -slot - 1;
        keys[slot] = key;
        hashedSize++;
        size++;
        return directCapacity + slot;
    }

    /**
     * Resizes the subclass's values to {@code slots} and moves them with their keys: direct
     * slots below {@code oldDirect} keep their number, the value of the old hashed slot
     * {@code i} (slot {@code oldDirect + i}) goes to {@code to[i]} where that is not -1.
     */
    abstract void moveValues(int slots, int oldDirect, int[] to);

    @Override
    public final void clear() {
        Arrays.fill(directPresent, 0L);
        Arrays.fill(keys, 0L);
        hashedSize = 0;
        size = 0;
        clearValues();
    }

    /** Lets go of values held by reference when the table is cleared; primitive values stay (insert overwrites them). */
    abstract void clearValues();

    /**
     * The direct part a table holding {@code size} keys should grow to so that it covers
     * {@code key} (at or past its current bound), or 0 if it should not; see the class comment.
     * Negative keys and keys from {@link #MAX_DIRECT} up stay hashed.
     */
    static int directCapacityFor(long key, int size) {
        if (key < 0 || key >= MAX_DIRECT) {
            return 0;
        }
        int capacity = Math.max(MIN_DIRECT, Integer.highestOneBit((int) key) << 1);
        return capacity <= MIN_DIRECT || (size + 1L) * 4 >= capacity ? capacity : 0;
    }

    /**
     * Linear probing in the hashed part: the slot holding {@code key}, or {@code -(slot + 1)}
     * for the empty slot where it would go.
     */
    private static int probe(long[] keys, int mask, long key) {
        int slot = OpenAddressing.spread(key) & mask;
        long k;
        while ((k = keys[slot]) != 0) {
            if (k == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -slot - 1;
    }

    /**
     * Makes the direct part {@code direct} slots (never fewer than now) and the hashed part
     * {@code hashed}, puts every hashed key where it now belongs, then has the values follow.
     */
    private void relocate(int direct, int hashed) {
        long[] oldKeys = keys;
        int oldDirect = directCapacity;
        directPresent = Arrays.copyOf(directPresent, direct >>> 6);
        directCapacity = direct;
        allocateHashed(hashed);
        int[] to = new int[oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key == 0) {
                to[i] = -1;
            } else if (key > 0 && key < direct) {
                int k = (int) key;
                directPresent[k >>> 6] |= 1L << k;
                to[i] = k;
            } else {
                int slot = -probe(keys, mask, key) - 1;
                keys[slot] = key;
                hashedSize++;
                to[i] = direct + slot;
            }
        }
        moveValues(direct + hashed, oldDirect, to);
    }

    private void allocateHashed(int capacity) {
        keys = new long[capacity];
        mask = capacity - 1;
        hashedSize = 0;
        maxFill = OpenAddressing.maxFill(capacity);
    }
}
