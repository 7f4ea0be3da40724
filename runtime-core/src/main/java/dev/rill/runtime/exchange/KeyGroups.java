package dev.rill.runtime.exchange;

/**
 * Which subtask a key goes to at a hash exchange, computed exactly as Apache Flink's
 * {@code KeyGroupRangeAssignment} does: {@code keyGroup = murmurHash(key.hashCode()) %
 * maxParallelism}, {@code subtask = keyGroup * parallelism / maxParallelism}. Matching Flink
 * bit for bit means a Rill pipeline's keyed state splits into the same key groups as the same
 * job on Flink, so state can later be rescaled, compared with Flink, or handed to it.
 *
 * <pre>{@code
 * int target = KeyGroups.subtask(key.hashCode(), KeyGroups.DEFAULT_MAX_PARALLELISM, parallelism);
 * }</pre>
 *
 * <p>No argument checks: this runs once per element. Callers keep {@code 0 < parallelism <=
 * maxParallelism <= 32768}, Flink's own limit, under which {@code keyGroup * parallelism}
 * cannot overflow.
 */
public final class KeyGroups {
    /** Flink's default lower bound for the number of key groups, and Rill's default. */
    public static final int DEFAULT_MAX_PARALLELISM = 128;
    /** Flink's upper bound for the number of key groups. */
    public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

    private KeyGroups() {
    }

    /**
     * Flink's {@code MathUtils.murmurHash(int)}: MurmurHash3 (x86, 32 bit, seed 0) of the
     * four bytes of {@code code}, folded to a non-negative value the way Flink does it
     * ({@code Integer.MIN_VALUE} becomes 0, other negatives are negated).
     */
    public static int murmurHash(int code) {
        code *= 0xcc9e2d51;
        code = Integer.rotateLeft(code, 15);
        code *= 0x1b873593;

        code = Integer.rotateLeft(code, 13);
        code = code * 5 + 0xe6546b64;

        code ^= 4; // the input length in bytes
        code ^= code >>> 16;
        code *= 0x85ebca6b;
        code ^= code >>> 13;
        code *= 0xc2b2ae35;
        code ^= code >>> 16;

        return nonNegative(code);
    }

    /**
     * Flink's fold of a hash to a non-negative value (negatives negated, {@code MIN_VALUE} to 0),
     * without a branch: the sign of a hash is a coin toss per key, so a branch here was
     * mispredicted on about every other element (JFR put the hottest source samples of W3 on
     * it; JMH, 2 forks x 2 rounds: W3 19.4 / 28.6 -> 36.0 / 29.9 M events/s). {@code Math.abs} leaves
     * {@code MIN_VALUE} negative; the mask makes it 0.
     */
    static int nonNegative(int code) {
        return Math.abs(code) & Integer.MAX_VALUE;
    }

    /** The key group of a key with this {@code hashCode()}: Flink's {@code computeKeyGroupForKeyHash}. */
    public static int keyGroup(int hashCode, int maxParallelism) {
        return murmurHash(hashCode) % maxParallelism;
    }

    /** The subtask owning a key with this {@code hashCode()}: Flink's {@code assignKeyToParallelOperator}. */
    public static int subtask(int hashCode, int maxParallelism, int parallelism) {
        return subtaskOfKeyGroup(keyGroup(hashCode, maxParallelism), maxParallelism, parallelism);
    }

    /**
     * The subtask owning a key group: Flink's {@code computeOperatorIndexForKeyGroup}. Each
     * subtask owns one contiguous range of key groups, which is what makes rescaling cheap.
     */
    public static int subtaskOfKeyGroup(int keyGroup, int maxParallelism, int parallelism) {
        return keyGroup * parallelism / maxParallelism;
    }
}
