package dev.rill.runtime.exchange;

/**
 * {@link KeyGroups#subtask} remembered per hash code, for one producer subtask's hash exchange
 * whose keys are objects: where few keys recur (W2's four colors, a service's few dozen
 * tenants), a lookup replaces Flink's murmur hash and the key group's subtask, which JFR put at
 * about 18% of W2's work on one thread. The answer is exact: a key's subtask depends on its hash
 * code alone, so a remembered hash code gives the same subtask as computing it.
 *
 * <pre>{@code
 * KeyGroupMemo memo = new KeyGroupMemo(MAX_PARALLELISM, channels.length);
 * int target = memo.subtask(key.hashCode());   // == KeyGroups.subtask(key.hashCode(), MAX_PARALLELISM, channels.length)
 * }</pre>
 *
 * <p>It is direct-mapped ({@value #ENTRIES} entries by the hash code's low bits), and it gives
 * itself up: with many keys, about every other lookup misses and the CPU cannot guess which,
 * and a memo over 512 to 2,048 string keys measured 2.2x slower than the hash itself (JMH,
 * 1 M random lookups; 1.4x-1.8x faster over 4 and 64 keys). So it counts its misses over
 * windows of {@value #WINDOW} lookups and, the first time a window misses more than one lookup
 * in {@value #MISS_SHARE}, drops its tables and computes every subtask from then on, for good:
 * the cost of a wrong guess is one window. Not thread-safe: one per producer subtask.
 */
public final class KeyGroupMemo {
    /** Remembered hash codes: 8 KB of tables, which stay in the L1 cache with the batches. */
    static final int ENTRIES = 1024;
    /** Lookups between two looks at the miss count. */
    static final int WINDOW = 1 << 16;
    /** A window that misses more than one lookup in this many gives the memo up. */
    static final int MISS_SHARE = 32;

    private final int maxParallelism;
    private final int parallelism;
    /** The hash code each entry remembers; null once the memo has given up. */
    private int[] hashes;
    private final int[] subtasks = new int[ENTRIES];
    private int lookupsLeft = WINDOW;
    private int misses;

    public KeyGroupMemo(int maxParallelism, int parallelism) {
        this.maxParallelism = maxParallelism;
        this.parallelism = parallelism;
        hashes = new int[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            hashes[i] = ~i; // never a hash code whose low bits are i: every entry starts empty
        }
    }

    /** The subtask owning a key with this {@code hashCode()}: {@link KeyGroups#subtask}. */
    public int subtask(int hashCode) {
        int[] hashes = this.hashes;
        if (hashes == null) {
            return KeyGroups.subtask(hashCode, maxParallelism, parallelism);
        }
        int entry = hashCode & (ENTRIES - 1);
        int subtask = hashes[entry] == hashCode ? subtasks[entry] : miss(hashes, hashCode, entry);
        if (--lookupsLeft == 0) {
            endWindow();
        }
        return subtask;
    }

    /** Whether lookups still go through the tables (false once the memo gave itself up). */
    boolean remembering() {
        return hashes != null;
    }

    private int miss(int[] hashes, int hashCode, int entry) {
        misses++;
        int subtask = KeyGroups.subtask(hashCode, maxParallelism, parallelism);
        hashes[entry] = hashCode;
        subtasks[entry] = subtask;
        return subtask;
    }

    private void endWindow() {
        if (misses > WINDOW / MISS_SHARE) {
            hashes = null;
        }
        misses = 0;
        lookupsLeft = WINDOW;
    }
}
