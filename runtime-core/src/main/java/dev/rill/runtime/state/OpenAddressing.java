package dev.rill.runtime.state;

/**
 * What the four keyed-state tables share: hash spreading and table sizing for open addressing
 * with linear probing in power-of-two tables.
 *
 * <p>Linear probing is the fastest open-addressing scheme on modern CPUs (a probe sequence
 * walks adjacent slots of a primitive array) but it is sensitive to clustering, so home slots
 * come from a well-mixed hash: keys arrive here already partitioned by Flink's key groups,
 * and user {@code hashCode()}s (and small integer keys) are often far from random in their
 * low bits, which are exactly the bits a power-of-two table uses.
 */
final class OpenAddressing {
    /**
     * Tables start at this many slots (about 1 KB with {@code long} values). A stage keyed by a
     * field with a handful of values, the common group-by, then finds each key in its home
     * slot: three keys all do with a chance of about 95% here, against 82% in 16 slots, and a
     * key that collides costs a mispredicted branch on every one of its lookups. W2's count
     * state, three colors per subtask, had two in one home slot at 16: a 64-slot start took
     * its one-thread run from 40.7 to 46.4 M events/s (benchmarks/EXPERIMENTS.md, session 15).
     */
    static final int MIN_CAPACITY = 64;
    /** The largest power of two an array can have. */
    static final int MAX_CAPACITY = 1 << 30;

    private OpenAddressing() {
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static int spread(long key) {
        key = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
        key = (key ^ (key >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (key ^ (key >>> 33));
    }

    /**
     * Multiplication by the golden ratio carries low bits upwards, the shift folds the high
     * bits back down (as fastutil's {@code HashCommon.mix}). One multiply: cheaper than a full
     * finaliser, and enough on top of {@code hashCode()}.
     */
    static int spreadHashCode(int hashCode) {
        int h = hashCode * 0x9e3779b9;
        return h ^ (h >>> 16);
    }

    /** The table size that holds {@code expectedKeys} without resizing. */
    static int capacityFor(int expectedKeys) {
        if (expectedKeys < 0) {
            throw new IllegalArgumentException("negative expected size: " + expectedKeys);
        }
        long needed = (long) Math.ceil(expectedKeys / 0.75) + 1;
        if (needed > MAX_CAPACITY) {
            throw new IllegalArgumentException("too many keys for one table: " + expectedKeys);
        }
        return Math.max(MIN_CAPACITY, Integer.highestOneBit((int) needed - 1) << 1);
    }

    /**
     * How many keys a table of {@code capacity} slots takes before it doubles: 3/4 full. Past
     * that, linear probing's expected probe lengths grow quickly (about 8.5 slots for a miss
     * at 3/4, 50 at 9/10).
     */
    static int maxFill(int capacity) {
        return capacity == MAX_CAPACITY ? MAX_CAPACITY - 1 : (capacity >>> 1) + (capacity >>> 2);
    }

    /** The doubled capacity when a table of {@code capacity} slots is full. */
    static int grow(int capacity) {
        if (capacity == MAX_CAPACITY) {
            throw new IllegalStateException("keyed state table cannot grow beyond " + MAX_CAPACITY + " slots");
        }
        return capacity << 1;
    }

    static IllegalArgumentException duplicate(Object key) {
        return new IllegalArgumentException("key already present: " + key + " (insert() is for absent keys; use set())");
    }
}
