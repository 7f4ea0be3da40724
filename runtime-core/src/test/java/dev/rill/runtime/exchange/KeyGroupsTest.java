package dev.rill.runtime.exchange;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * KeyGroups against an independent statement of the same algorithm: MurmurHash3_x86_32 as
 * published (byte-oriented, any length, any seed), checked itself against the SMHasher
 * verification vectors, then Flink's folding to a non-negative int and its key-group formulas.
 */
class KeyGroupsTest {

    /** MurmurHash3_x86_32 over little-endian bytes, written from the reference C++ (any length). */
    static int murmur3x86(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h1 = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k1 = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8
                    | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
            k1 *= c1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k1 = 0;
        switch (data.length & 3) {
            case 3:
                k1 ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k1 ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= c1;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= data.length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }

    private static byte[] littleEndian(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Flink's rule for a negative hash: negate it, except MIN_VALUE, which becomes 0. */
    private static int flinkFold(int h) {
        return h >= 0 ? h : h == Integer.MIN_VALUE ? 0 : -h;
    }

    private static int expectedMurmur(int code) {
        return flinkFold(murmur3x86(littleEndian(code), 0));
    }

    @Test
    void referenceImplementationMatchesPublishedMurmur3Vectors() {
        // SMHasher's verification vectors for MurmurHash3_x86_32.
        assertEquals(0, murmur3x86(new byte[0], 0));
        assertEquals(0x514E28B7, murmur3x86(new byte[0], 1));
        assertEquals(0x81F16F39, murmur3x86(new byte[0], 0xffffffff));
        assertEquals(0x76293B50, murmur3x86(bytes(0xff, 0xff, 0xff, 0xff), 0));
        assertEquals(0xF55B516B, murmur3x86(bytes(0x21, 0x43, 0x65, 0x87), 0));
        assertEquals(0x2362F9DE, murmur3x86(bytes(0x21, 0x43, 0x65, 0x87), 0x5082EDEE));
        assertEquals(0x7E4A8634, murmur3x86(bytes(0x21, 0x43, 0x65), 0));
        assertEquals(0xA0F7B07A, murmur3x86(bytes(0x21, 0x43), 0));
        assertEquals(0x72661CF4, murmur3x86(bytes(0x21), 0));
        assertEquals(0x2362F9DE, murmur3x86(bytes(0, 0, 0, 0), 0));
    }

    @Test
    void murmurHashMatchesFixedVectors() {
        // From the vectors above: the hash of the int's four little-endian bytes, seed 0.
        assertEquals(0x2362F9DE, KeyGroups.murmurHash(0)); // positive: kept
        assertEquals(0x76293B50, KeyGroups.murmurHash(-1)); // bytes ff ff ff ff; positive
        // bytes 21 43 65 87 = 0x87654321; 0xF55B516B is negative, so Flink negates it
        assertEquals(0x0AA4AE95, KeyGroups.murmurHash(0x87654321));
        assertEquals(178_564_757, KeyGroups.murmurHash(0x87654321));
        // key group and subtask of those, by hand: 0x2362F9DE = 593,689,054 = 128 * 4,638,195 + 94
        assertEquals(94, KeyGroups.keyGroup(0, 128));
        assertEquals(94 * 4 / 128, KeyGroups.subtask(0, 128, 4)); // = 2
        assertEquals(2, KeyGroups.subtask(0, 128, 4));
    }

    @Test
    void murmurHashEqualsThePublishedAlgorithmForManyInputs() {
        int[] edges = {0, 1, -1, 2, 4, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 0x80000001, 42};
        for (int code : edges) {
            assertEquals(expectedMurmur(code), KeyGroups.murmurHash(code), "code " + code);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            int code = random.nextInt();
            int hash = KeyGroups.murmurHash(code);
            if (hash != expectedMurmur(code)) {
                assertEquals(expectedMurmur(code), hash, "code " + code);
            }
            assertTrue(hash >= 0);
        }
    }

    @Test
    void keyGroupAndSubtaskFollowFlinksFormulas() {
        String[] keys = {"orange", "red", "green", "blue", "", "a much longer key with spaces"};
        SplittableRandom random = new SplittableRandom(11);
        for (int maxParallelism : new int[] {1, 7, 128, 4096, KeyGroups.UPPER_BOUND_MAX_PARALLELISM}) {
            for (int i = 0; i < 2_000; i++) {
                int hash = i < keys.length ? keys[i].hashCode() : random.nextInt();
                int expectedGroup = expectedMurmur(hash) % maxParallelism;
                assertEquals(expectedGroup, KeyGroups.keyGroup(hash, maxParallelism));
                int parallelism = 1 + random.nextInt(maxParallelism);
                assertEquals(expectedGroup * parallelism / maxParallelism,
                        KeyGroups.subtask(hash, maxParallelism, parallelism));
            }
        }
    }

    @Test
    void everyKeyGroupMapsIntoItsSubtasksContiguousRange() {
        for (int maxParallelism : new int[] {1, 7, 128, 1000, KeyGroups.UPPER_BOUND_MAX_PARALLELISM}) {
            for (int parallelism : new int[] {1, 2, 3, 5, 7, 64, 128, 1000, 32768}) {
                if (parallelism > maxParallelism) {
                    continue;
                }
                for (int group = 0; group < maxParallelism; group++) {
                    int subtask = KeyGroups.subtaskOfKeyGroup(group, maxParallelism, parallelism);
                    assertTrue(subtask >= 0 && subtask < parallelism);
                    // Flink's computeKeyGroupRangeForOperatorIndex, the inverse view
                    int start = (subtask * maxParallelism + parallelism - 1) / parallelism;
                    int end = ((subtask + 1) * maxParallelism - 1) / parallelism;
                    if (group < start || group > end) {
                        fail("group " + group + " -> subtask " + subtask + " owning ["
                                + start + ", " + end + "] at " + parallelism + "/" + maxParallelism);
                    }
                }
            }
        }
    }

    @Test
    void keysSpreadEvenlyOverKeyGroupsAndSubtasks() {
        int keys = 128_000;
        int[] perGroup = new int[128];
        int[] perSubtask = new int[3];
        for (int i = 0; i < keys; i++) {
            int hash = ("user-" + i).hashCode();
            perGroup[KeyGroups.keyGroup(hash, 128)]++;
            perSubtask[KeyGroups.subtask(hash, 128, 3)]++;
        }
        for (int count : perGroup) {
            // mean 1000, standard deviation about 32: 20% is more than six deviations
            assertTrue(count > 800 && count < 1200, "key group count " + count);
        }
        // 128 groups over 3 subtasks own 43, 43 and 42 groups
        assertEquals(keys, perSubtask[0] + perSubtask[1] + perSubtask[2]);
        for (int s = 0; s < 3; s++) {
            double share = perSubtask[s] / (double) keys;
            assertTrue(Math.abs(share - 1 / 3.0) < 0.02, "subtask " + s + " share " + share);
        }
    }

    /** Flink's MathUtils.murmurHash fold ({@link #flinkFold}) against the branch-free one. */
    @Test
    void foldsHashesToNonNegativeValuesAsFlinkDoes() {
        int[] edges = {0, 1, -1, 7, -7, Integer.MAX_VALUE, -Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
        for (int code : edges) {
            assertEquals(flinkFold(code), KeyGroups.nonNegative(code), "fold of " + code);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            int code = random.nextInt();
            assertEquals(flinkFold(code), KeyGroups.nonNegative(code), "fold of " + code);
        }
        assertEquals(0, KeyGroups.nonNegative(Integer.MIN_VALUE));
    }

}
