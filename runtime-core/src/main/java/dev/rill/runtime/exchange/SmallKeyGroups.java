package dev.rill.runtime.exchange;

/**
 * {@link KeyGroups#subtask} remembered per key, for one producer subtask's hash exchange whose
 * keys are primitive integers ({@code int}, {@code long}, {@code short}, {@code char},
 * {@code byte}): the ids, buckets and partition numbers that such keys usually are. A key in
 * {@code [0, }{@value #MAX_KEYS}{@code )} hashes to itself under each of those types'
 * {@code hashCode}, so its subtask can be looked up by the key alone, one byte load, instead of
 * Flink's murmur hash and key-group arithmetic per element. Every other key, and every key once
 * the parallelism passes what a byte holds, is computed as before. The answer is exact either
 * way: a key's subtask depends on its hash code alone.
 *
 * <pre>{@code
 * SmallKeyGroups keyGroups = new SmallKeyGroups(MAX_PARALLELISM, channels.length);
 * int target = keyGroups.subtask(key, Integer.hashCode(key)); // == KeyGroups.subtask(Integer.hashCode(key), ...)
 * }</pre>
 *
 * <p>The table is made whole, 64 KB, when the exchange is built, and filled as keys first
 * arrive: a key is hashed once per producer subtask. It does not grow as keys arrive on
 * purpose: at the start of a run every key is new, so the JIT profiles the first-sight path as
 * hot and compiles it into the source's chain, and a version that grew its table there made
 * that chain too large for the source's loop to inline, so every event was allocated (W3: 40.9
 * B/event, 99-107 against 150 M events/s; HotSpot's InlineSmallCode, see {@code
 * BatchChannel}'s {@code handOver}). W3 (65,536 int keys) at p=2 went from 146.1 to 176.8 M
 * events/s with this table, the means of three alternations with the build before (JMH,
 * {@code '^dev\.rill\.bench\.W3Bench\.(rill|handWritten)$' -f 2 -wi 2 -i 4 -w 2s -r 2s},
 * 2026-11-30 11:34-11:39 UTC; the loop ran 368-380 either way), at 0.87 B/event as before. Not
 * thread-safe: one per producer subtask, like {@link KeyGroupMemo} for object keys.
 */
public final class SmallKeyGroups {
    /** Keys below this are looked up: a table of 64 KB. */
    static final int MAX_KEYS = 1 << 16;

    private final int maxParallelism;
    private final int parallelism;
    /** The subtask of each key plus one, 0 for a key not seen yet; empty when a byte cannot hold the subtasks. */
    private final byte[] subtaskPlusOne;

    public SmallKeyGroups(int maxParallelism, int parallelism) {
        this.maxParallelism = maxParallelism;
        this.parallelism = parallelism;
        this.subtaskPlusOne = new byte[parallelism <= Byte.MAX_VALUE ? MAX_KEYS : 0];
    }

    /**
     * The subtask owning {@code key}, whose boxed type's {@code hashCode()} is {@code hashCode}:
     * {@link KeyGroups#subtask}.
     */
    public int subtask(long key, int hashCode) {
        byte[] table = subtaskPlusOne;
        if (key >= 0 && key < table.length) {
            int known = table[(int) key];
            if (known == 0) {
                known = KeyGroups.subtask(hashCode, maxParallelism, parallelism) + 1;
                table[(int) key] = (byte) known;
            }
            return known - 1;
        }
        return KeyGroups.subtask(hashCode, maxParallelism, parallelism);
    }

    /** How many keys the table covers (for tests). */
    int tableLength() {
        return subtaskPlusOne.length;
    }
}
