package dev.rill.runtime.state;

import java.util.Arrays;

/**
 * The keys of a keyed-state table with object keys, and the slot of each: the part
 * {@link RefKeyLongState} and {@link RefKeyRefState} share. A subclass keeps one array of
 * values indexed by slot and moves it along when the keys move ({@link #moveValues}).
 *
 * <p>Open addressing with linear probing, doubling at 3/4 full ({@link OpenAddressing}). Each
 * slot keeps its key's {@code hashCode()} beside the key, as {@code HashMap}'s nodes do, for
 * two reasons. A probe that passes another key compares the stored hash codes and calls
 * {@code equals} only when they agree: with few keys, two of them often share a home slot (in
 * W2's count subtask, "red" and "green" do in a table of 16), and without the stored hash every
 * element of the second paid a {@code String.equals} on the first (JFR put 5.6% of W2's
 * one-thread samples on that call). And growing rehashes without calling {@code hashCode()}
 * again, which for records and lists walks every component.
 *
 * <p>Keys are compared with {@code equals} and are never null (generated code rejects null
 * keys before they get here; null marks an empty slot). Keys must not change their
 * {@code hashCode} while in the table. Keys are never removed one by one, only all at once
 * ({@link #clear()}). Not thread-safe: each subtask owns its state.
 */
abstract class RefKeyIndex<K> implements KeyedTable {
    private Object[] keys;
    /** The {@code hashCode()} of the key in each occupied slot. */
    private int[] hashes;
    /** Capacity - 1. */
    private int mask;
    private int size;
    private int maxFill;

    /** An index that takes {@code expectedKeys} keys before it first resizes. */
    RefKeyIndex(int expectedKeys) {
        allocate(OpenAddressing.capacityFor(expectedKeys));
    }

    /** The slot holding {@code key}, or -1 if the key is absent. */
    public final int indexOf(K key) {
        int slot = probe(keys, hashes, mask, key, key.hashCode());
        return slot >= 0 ? slot : -1;
    }

    /** How many keys the table holds. */
    public final int size() {
        return size;
    }

    /** How many slots to iterate over: {@code for (int s = 0; s < slots(); s++) if (occupied(s)) ...}. */
    public final int slots() {
        return mask + 1;
    }

    /** True if {@code slot} holds a key. */
    public final boolean occupied(int slot) {
        return keys[slot] != null;
    }

    /** The key in an occupied slot. */
    @SuppressWarnings("unchecked") // only K is ever stored
    public final K key(int slot) {
        return (K) keys[slot];
    }

    /**
     * Gives the absent {@code key} a slot and returns it, doubling the table first if it is
     * full (which moves every key, and through {@link #moveValues} every value).
     *
     * @throws IllegalArgumentException if the key is present
     */
    final int add(K key) {
        if (size >= maxFill) {
            rehash(OpenAddressing.grow(mask + 1));
        }
        int hash = key.hashCode();
        int slot = probe(keys, hashes, mask, key, hash);
        if (slot >= 0) {
            throw OpenAddressing.duplicate(key);
        }
        slot = -slot - 1;
        keys[slot] = key;
        hashes[slot] = hash;
        size++;
        return slot;
    }

    /**
     * Linear probing from the key's home slot: the slot holding {@code key} (whose hash code is
     * {@code hash}), or {@code -(slot + 1)} for the empty slot where it would go. A slot whose
     * stored hash code differs is passed without calling {@code equals}.
     */
    private static int probe(Object[] keys, int[] hashes, int mask, Object key, int hash) {
        int slot = OpenAddressing.spreadHashCode(hash) & mask;
        Object k;
        while ((k = keys[slot]) != null) {
            if (k == key || hashes[slot] == hash && key.equals(k)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -slot - 1;
    }

    /**
     * Resizes the subclass's values to {@code slots} and moves them with their keys: the value
     * of old slot {@code i} goes to {@code to[i]} where that is not -1.
     */
    abstract void moveValues(int slots, int[] to);

    @Override
    public final void clear() {
        Arrays.fill(keys, null);
        size = 0;
        clearValues();
    }

    /** Lets go of values held by reference when the table is cleared; primitive values stay (insert overwrites them). */
    abstract void clearValues();

    private void allocate(int capacity) {
        keys = new Object[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        maxFill = OpenAddressing.maxFill(capacity);
    }

    private void rehash(int capacity) {
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        allocate(capacity);
        int[] to = new int[oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == null) {
                to[i] = -1;
                continue;
            }
            int slot = OpenAddressing.spreadHashCode(oldHashes[i]) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = oldKeys[i];
            hashes[slot] = oldHashes[i];
            to[i] = slot;
        }
        moveValues(capacity, to);
    }
}
