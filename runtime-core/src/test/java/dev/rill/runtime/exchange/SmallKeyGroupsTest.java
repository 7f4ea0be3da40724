package dev.rill.runtime.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link SmallKeyGroups} gives the subtask Flink's key groups give, for every key it looks up
 * and every key it computes, whatever order keys come in.
 */
class SmallKeyGroupsTest {
    private static final int MAX_PARALLELISM = 128;

    @Test
    void everyIntKeyGetsFlinksSubtaskTheFirstTimeAndEveryTimeAfter() {
        for (int parallelism : new int[] {1, 2, 3, 7, 126, 127, 128}) {
            SmallKeyGroups keyGroups = new SmallKeyGroups(MAX_PARALLELISM, parallelism);
            int[] keys = {5, 0, 63, 64, 1_000, SmallKeyGroups.MAX_KEYS - 1, SmallKeyGroups.MAX_KEYS, -1,
                    Integer.MIN_VALUE, Integer.MAX_VALUE, 70_000, 5, 1_000, 0};
            for (int round = 0; round < 3; round++) {
                for (int key : keys) {
                    assertEquals(KeyGroups.subtask(Integer.hashCode(key), MAX_PARALLELISM, parallelism),
                            keyGroups.subtask(key, Integer.hashCode(key)), "key " + key + " at parallelism " + parallelism);
                }
            }
        }
    }

    @Test
    void longShortAndCharKeysUseTheirOwnHashOutsideTheTable() {
        SmallKeyGroups keyGroups = new SmallKeyGroups(MAX_PARALLELISM, 3);
        long[] longs = {7, 65_535, 65_536, 1L << 32, (1L << 32) + 7, -7, Long.MIN_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < 2; round++) {
            for (long key : longs) {
                assertEquals(KeyGroups.subtask(Long.hashCode(key), MAX_PARALLELISM, 3),
                        keyGroups.subtask(key, Long.hashCode(key)), "long key " + key);
            }
        }
        SmallKeyGroups chars = new SmallKeyGroups(MAX_PARALLELISM, 3);
        for (char c : new char[] {'a', '\uFFFF', 0}) {
            assertEquals(KeyGroups.subtask(Character.hashCode(c), MAX_PARALLELISM, 3), chars.subtask(c, Character.hashCode(c)));
        }
        SmallKeyGroups shorts = new SmallKeyGroups(MAX_PARALLELISM, 3);
        for (short s : new short[] {12, -12, Short.MIN_VALUE, Short.MAX_VALUE}) {
            assertEquals(KeyGroups.subtask(Short.hashCode(s), MAX_PARALLELISM, 3), shorts.subtask(s, Short.hashCode(s)));
        }
    }

    @Test
    void theTableCoversTheSmallKeysWhenAByteHoldsTheSubtasks() {
        assertEquals(SmallKeyGroups.MAX_KEYS, new SmallKeyGroups(MAX_PARALLELISM, 2).tableLength());
        assertEquals(SmallKeyGroups.MAX_KEYS, new SmallKeyGroups(MAX_PARALLELISM, 127).tableLength());
        assertEquals(0, new SmallKeyGroups(MAX_PARALLELISM, 128).tableLength());
    }

    @Test
    void aParallelismAByteCannotHoldComputesEveryKey() {
        SmallKeyGroups keyGroups = new SmallKeyGroups(1 << 15, 1_000);
        for (int key = 0; key < 5_000; key += 7) {
            assertEquals(KeyGroups.subtask(key, 1 << 15, 1_000), keyGroups.subtask(key, key));
        }
        assertEquals(0, keyGroups.tableLength());
    }
}
