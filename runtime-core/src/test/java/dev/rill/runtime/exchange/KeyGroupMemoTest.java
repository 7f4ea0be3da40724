package dev.rill.runtime.exchange;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyGroupMemoTest {
    /** Hash codes of every kind: few that repeat, extremes, entry-sharing pairs, fresh ones. */
    private static int hashCode(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 5) {
            return random.nextInt(40) * 7919 - 100_000; // few keys, negative ones too
        } else if (pick < 6) {
            return new int[] {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE}[random.nextInt(5)];
        } else if (pick < 8) {
            return (random.nextInt(64) << 10) | 5; // one entry, many hash codes
        } else {
            return random.nextInt();
        }
    }

    @Test
    void everySubtaskIsTheKeyGroupsOneWhileRememberingAndAfterGivingUp() {
        for (int maxParallelism : new int[] {128, 4096}) {
            for (int parallelism : new int[] {1, 2, 3, 7, 128}) {
                KeyGroupMemo memo = new KeyGroupMemo(maxParallelism, parallelism);
                SplittableRandom random = new SplittableRandom(parallelism * 31L + maxParallelism);
                boolean sawRemembering = false;
                for (int i = 0; i < 4 * KeyGroupMemo.WINDOW; i++) {
                    int hash = hashCode(random);
                    sawRemembering |= memo.remembering();
                    assertEquals(KeyGroups.subtask(hash, maxParallelism, parallelism), memo.subtask(hash),
                            "hash " + hash + ", lookup " + i + ", max " + maxParallelism + ", p " + parallelism);
                }
                assertTrue(sawRemembering);
                assertFalse(memo.remembering(), "half these lookups are fresh or share an entry: it gave up");
            }
        }
    }

    @Test
    void fewKeysKeepItRemembering() {
        KeyGroupMemo memo = new KeyGroupMemo(KeyGroups.DEFAULT_MAX_PARALLELISM, 2);
        String[] colors = {"red", "orange", "yellow", "green", "blue"};
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10 * KeyGroupMemo.WINDOW; i++) {
            String color = colors[random.nextInt(colors.length)];
            assertEquals(KeyGroups.subtask(color.hashCode(), KeyGroups.DEFAULT_MAX_PARALLELISM, 2),
                    memo.subtask(color.hashCode()));
        }
        assertTrue(memo.remembering());
    }

    @Test
    void manyKeysMakeItGiveUpAtTheEndOfItsFirstWindow() {
        KeyGroupMemo memo = new KeyGroupMemo(KeyGroups.DEFAULT_MAX_PARALLELISM, 2);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 1; i < KeyGroupMemo.WINDOW; i++) {
            memo.subtask(random.nextInt());
        }
        assertTrue(memo.remembering(), "gives up only at the end of a window");
        memo.subtask(random.nextInt());
        assertFalse(memo.remembering());
    }

    @Test
    void twoKeysFightingOverOneEntryMakeItGiveUpToo() {
        KeyGroupMemo memo = new KeyGroupMemo(KeyGroups.DEFAULT_MAX_PARALLELISM, 2);
        int a = 5;
        int b = 5 + KeyGroupMemo.ENTRIES;
        for (int i = 0; i < KeyGroupMemo.WINDOW; i++) {
            int hash = i % 2 == 0 ? a : b;
            assertEquals(KeyGroups.subtask(hash, KeyGroups.DEFAULT_MAX_PARALLELISM, 2), memo.subtask(hash));
        }
        assertFalse(memo.remembering());
    }
}
