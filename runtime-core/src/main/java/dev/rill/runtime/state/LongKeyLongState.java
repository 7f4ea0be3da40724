package dev.rill.runtime.state;

/**
 * Keyed state with {@code long} keys and {@code long} values: what an {@code @Aggregate} or
 * {@code @Reduce} stage keeps per key, without boxing the key. No allocation per operation,
 * only when the table grows. Where keys go, and why small ones are indexed directly:
 * {@link LongKeyIndex}.
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
 */
public final class LongKeyLongState extends LongKeyIndex {
    /** Indexed by slot. */
    private long[] values;

    public LongKeyLongState() {
        this(0);
    }

    /** A table that takes {@code expectedKeys} keys (any keys) before its hashed part first resizes. */
    public LongKeyLongState(int expectedKeys) {
        super(expectedKeys);
        values = new long[slots()];
    }

    /**
     * Adds {@code key}, which must be absent, with {@code value}. Returns its slot, valid until
     * the next insert (which may move every key to a larger table).
     *
     * @throws IllegalArgumentException if the key is present
     */
    public int insert(long key, long value) {
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
    void moveValues(int slots, int oldDirect, int[] to) {
        long[] old = values;
        values = new long[slots];
        System.arraycopy(old, 0, values, 0, oldDirect);
        for (int i = 0; i < to.length; i++) {
            if (to[i] >= 0) {
                values[to[i]] = old[oldDirect + i];
            }
        }
    }

    @Override
    void clearValues() {
        // insert writes a key's value with the key: what a cleared slot held is never read
    }
}
