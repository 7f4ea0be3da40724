package dev.rill.runtime.state;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each keyed-state table against {@link HashMap} under a million random operations: lookups,
 * inserts of absent keys and read-modify-writes through slots, over keys chosen to hurt (0,
 * the extremes, negatives, keys that share a home slot, equal-but-not-identical objects), with
 * the table starting small so it resizes many times. Afterwards the slot iteration must
 * reproduce the HashMap exactly. {@link LongKeyLongState}'s direct part for small keys is also
 * checked on its own (and {@link LongKeyRefState}'s, which has the same layout): where keys go,
 * and that they move into it as it grows.
 */
class KeyedStateTest {
    private static final int OPERATIONS = 1_000_000;
    private static final long[] SPECIAL = {0, Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, Long.MIN_VALUE + 1, Integer.MIN_VALUE};
    /** Long keys whose spread hash agrees in the low 16 bits: one home slot in any table up to 65,536 slots. */
    private static final long[] COLLIDING_LONGS = collidingLongs(200);

    /** The keys of a long-key table in the order its slots hold them. */
    private static List<Long> keysInSlotOrder(int slots, java.util.function.IntPredicate occupied,
            java.util.function.IntToLongFunction key) {
        List<Long> keys = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            if (occupied.test(s)) {
                keys.add(key.applyAsLong(s));
            }
        }
        return keys;
    }

    private static long[] collidingLongs(int count) {
        long[] keys = new long[count];
        int found = 0;
        for (long k = 1; found < count; k++) {
            if ((OpenAddressing.spread(k) & 0xffff) == (OpenAddressing.spread(-7L) & 0xffff)) {
                keys[found++] = k;
            }
        }
        return keys;
    }

    /** A key class whose instances all share one hashCode: every key probes from the same slot. */
    record Colliding(int id) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    private static long longKey(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 4) {
            return random.nextInt(1_001) - 500; // small, dense, negative too: many repeats
        } else if (pick < 6) {
            return SPECIAL[random.nextInt(SPECIAL.length)];
        } else if (pick < 8) {
            return COLLIDING_LONGS[random.nextInt(COLLIDING_LONGS.length)];
        } else {
            return random.nextLong(); // fresh keys: growth
        }
    }

    /** A fresh object each time, so the table must use equals, not identity. */
    private static Object refKey(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 4) {
            return "key-" + (random.nextInt(1_001) - 500);
        } else if (pick < 6) {
            return Long.valueOf(SPECIAL[random.nextInt(SPECIAL.length)]); // outside Long's cache: new objects
        } else if (pick < 8) {
            return new Colliding(random.nextInt(150));
        } else {
            return random.nextLong();
        }
    }

    @Test
    void longKeyLongStateBehavesLikeAHashMap() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SplittableRandom random = new SplittableRandom(1);
            LongKeyLongState state = new LongKeyLongState();
            Map<Long, Long> expected = new HashMap<>();
            for (int i = 0; i < OPERATIONS; i++) {
                long key = longKey(random);
                long delta = random.nextLong();
                int slot = state.indexOf(key);
                Long old = expected.get(key);
                assertEquals(old != null, slot >= 0, "presence of " + key);
                if (random.nextBoolean()) {
                    if (slot < 0) {
                        slot = state.insert(key, delta);
                        assertEquals(delta, state.value(slot));
                        expected.put(key, delta);
                    } else {
                        state.set(slot, state.value(slot) + delta);
                        expected.put(key, old + delta);
                    }
                } else if (slot >= 0) {
                    assertEquals(old.longValue(), state.value(slot), "value of " + key);
                }
            }
            assertEquals(expected.size(), state.size());
            Map<Long, Long> iterated = new HashMap<>();
            for (int s = 0; s < state.slots(); s++) {
                if (state.occupied(s)) {
                    assertEquals(null, iterated.put(state.key(s), state.value(s)), "key seen twice");
                }
            }
            assertEquals(expected, iterated);
        });
    }

    @Test
    void denseNonNegativeKeysEndUpDirectInKeyOrderWhateverOrderTheyCameIn() {
        List<Long> keys = new ArrayList<>();
        for (long k = 0; k < 10_000; k++) {
            keys.add(k);
        }
        java.util.Collections.shuffle(keys, new java.util.Random(3));
        LongKeyLongState state = new LongKeyLongState();
        for (long k : keys) {
            state.insert(k, k * 3);
        }
        // every key moved into the direct part as it grew: slot = key, iterated in key order
        for (int k = 0; k < 10_000; k++) {
            assertEquals(k, state.indexOf(k), "slot of " + k);
            assertEquals(k * 3L, state.value(k));
        }
        java.util.Collections.sort(keys);
        assertEquals(keys, keysInSlotOrder(state.slots(), state::occupied, state::key));
    }

    @Test
    void longKeyRefStateKeepsDenseKeysDirectToo_nullValuesIncluded() {
        List<Long> keys = new ArrayList<>();
        for (long k = 0; k < 10_000; k++) {
            keys.add(k);
        }
        java.util.Collections.shuffle(keys, new java.util.Random(4));
        LongKeyRefState<String> state = new LongKeyRefState<>();
        for (long k : keys) {
            state.insert(k, k % 7 == 0 ? null : "v" + k);
        }
        for (int k = 0; k < 10_000; k++) {
            assertEquals(k, state.indexOf(k), "slot of " + k);
            assertEquals(k % 7 == 0 ? null : "v" + k, state.value(k));
        }
        java.util.Collections.sort(keys);
        assertEquals(keys, keysInSlotOrder(state.slots(), state::occupied, state::key));
        assertThrows(IllegalArgumentException.class, () -> state.insert(7, "again"));
    }

    /**
     * clear() empties each kind of table, direct and hashed parts alike, keeps its capacity,
     * lets go of reference values, and the table then works as a new one (a window's table is
     * cleared and reused for the next window).
     */
    @Test
    void aClearedTableIsEmptyKeepsItsCapacityAndWorksAsANewOne() {
        LongKeyLongState longs = new LongKeyLongState();
        LongKeyRefState<String> longRefs = new LongKeyRefState<>();
        RefKeyLongState<String> refLongs = new RefKeyLongState<>();
        RefKeyRefState<String, String> refs = new RefKeyRefState<>();
        long[] keys = {0, 1, 63, 5_000, -7, 1L << 40, Long.MIN_VALUE};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 200; i++) {
                long key = i < keys.length ? keys[i] : i * 31L;
                longs.insert(key, key + round);
                longRefs.insert(key, "v" + key + "/" + round);
                refLongs.insert("k" + key, key + round);
                refs.insert("k" + key, "v" + key + "/" + round);
            }
            for (int i = 0; i < 200; i++) {
                long key = i < keys.length ? keys[i] : i * 31L;
                assertEquals(key + round, longs.value(longs.indexOf(key)));
                assertEquals("v" + key + "/" + round, longRefs.value(longRefs.indexOf(key)));
                assertEquals(key + round, refLongs.value(refLongs.indexOf("k" + key)));
                assertEquals("v" + key + "/" + round, refs.value(refs.indexOf("k" + key)));
            }
            int[] slots = {longs.slots(), longRefs.slots(), refLongs.slots(), refs.slots()};
            longs.clear();
            longRefs.clear();
            refLongs.clear();
            refs.clear();
            assertEquals(List.of(slots[0], slots[1], slots[2], slots[3]),
                    List.of(longs.slots(), longRefs.slots(), refLongs.slots(), refs.slots()), "capacity kept");
            assertEquals(List.of(0, 0, 0, 0), List.of(longs.size(), longRefs.size(), refLongs.size(), refs.size()));
            for (int s = 0; s < longs.slots(); s++) {
                assertFalse(longs.occupied(s) || longRefs.occupied(s), "slot " + s + " still occupied");
                assertEquals(null, longRefs.value(s), "a reference value kept alive in slot " + s);
            }
            for (int s = 0; s < refs.slots(); s++) {
                assertFalse(refLongs.occupied(s) || refs.occupied(s), "slot " + s + " still occupied");
                assertEquals(null, refs.value(s), "a reference value kept alive in slot " + s);
            }
            for (long key : keys) {
                assertEquals(-1, longs.indexOf(key));
                assertEquals(-1, longRefs.indexOf(key));
                assertEquals(-1, refLongs.indexOf("k" + key));
                assertEquals(-1, refs.indexOf("k" + key));
            }
        }
    }

    /**
     * A stage with a handful of keys gets a table sparse enough that they mostly sit in their
     * home slots (OpenAddressing.MIN_CAPACITY says why), and the table still doubles at 3/4.
     */
    @Test
    void tablesStartAtSixtyFourSlotsAndDoubleWhenThreeQuartersFull() {
        assertEquals(64, new RefKeyLongState<String>().slots());
        assertEquals(64, new RefKeyRefState<String, Object>().slots());
        assertEquals(64, new LongKeyLongState().slots()); // the direct part comes with the first small key
        assertEquals(64, new LongKeyRefState<Object>().slots());
        RefKeyLongState<String> state = new RefKeyLongState<>();
        for (int i = 0; i < 48; i++) {
            state.insert("key" + i, i);
        }
        assertEquals(64, state.slots());
        state.insert("key48", 48);
        assertEquals(128, state.slots());
        for (int i = 0; i <= 48; i++) {
            assertEquals(i, state.value(state.indexOf("key" + i)));
        }
    }

    @Test
    void sparseKeysDoNotGrowTheDirectPart() {
        LongKeyLongState state = new LongKeyLongState();
        state.insert(1, 10);
        state.insert(5_000, 20);
        state.insert(1L << 40, 30);
        // 1 is direct (the smallest direct part, 64 slots); 5,000 would need 8,192 slots for 2 keys
        assertEquals(LongKeyIndex.MIN_DIRECT + OpenAddressing.MIN_CAPACITY, state.slots());
        assertEquals(1, state.indexOf(1));
        assertEquals(20, state.value(state.indexOf(5_000)));
        assertEquals(30, state.value(state.indexOf(1L << 40)));
        assertEquals(-1, state.indexOf(2));
        assertEquals(-1, state.indexOf(5_001));
        assertThrows(IllegalArgumentException.class, () -> state.insert(5_000, 0));
        assertThrows(IllegalArgumentException.class, () -> state.insert(1, 0));
    }

    @Test
    void longKeyRefStateBehavesLikeAHashMap() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SplittableRandom random = new SplittableRandom(2);
            LongKeyRefState<String> state = new LongKeyRefState<>();
            Map<Long, String> expected = new HashMap<>();
            for (int i = 0; i < OPERATIONS; i++) {
                long key = longKey(random);
                String value = Integer.toString(random.nextInt(1000));
                int slot = state.indexOf(key);
                String old = expected.get(key);
                assertEquals(old != null, slot >= 0, "presence of " + key);
                if (random.nextBoolean()) {
                    if (slot < 0) {
                        slot = state.insert(key, value);
                        assertEquals(value, state.value(slot));
                    } else {
                        state.set(slot, value);
                    }
                    expected.put(key, value);
                } else if (slot >= 0) {
                    assertEquals(old, state.value(slot), "value of " + key);
                }
            }
            assertEquals(expected.size(), state.size());
            Map<Long, String> iterated = new HashMap<>();
            for (int s = 0; s < state.slots(); s++) {
                if (state.occupied(s)) {
                    assertEquals(null, iterated.put(state.key(s), state.value(s)), "key seen twice");
                }
            }
            assertEquals(expected, iterated);
        });
    }

    @Test
    void refKeyLongStateBehavesLikeAHashMap() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SplittableRandom random = new SplittableRandom(3);
            RefKeyLongState<Object> state = new RefKeyLongState<>();
            Map<Object, Long> expected = new HashMap<>();
            for (int i = 0; i < OPERATIONS; i++) {
                Object key = refKey(random);
                long delta = random.nextLong();
                int slot = state.indexOf(key);
                Long old = expected.get(key);
                assertEquals(old != null, slot >= 0, "presence of " + key);
                if (random.nextBoolean()) {
                    if (slot < 0) {
                        slot = state.insert(key, delta);
                        assertEquals(delta, state.value(slot));
                        expected.put(key, delta);
                    } else {
                        state.set(slot, state.value(slot) + delta);
                        expected.put(key, old + delta);
                    }
                } else if (slot >= 0) {
                    assertEquals(old.longValue(), state.value(slot), "value of " + key);
                }
            }
            assertEquals(expected.size(), state.size());
            Map<Object, Long> iterated = new HashMap<>();
            for (int s = 0; s < state.slots(); s++) {
                if (state.occupied(s)) {
                    assertEquals(null, iterated.put(state.key(s), state.value(s)), "key seen twice");
                }
            }
            assertEquals(expected, iterated);
        });
    }

    @Test
    void refKeyRefStateBehavesLikeAHashMap() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SplittableRandom random = new SplittableRandom(4);
            RefKeyRefState<Object, List<Integer>> state = new RefKeyRefState<>();
            Map<Object, List<Integer>> expected = new HashMap<>();
            for (int i = 0; i < OPERATIONS; i++) {
                Object key = refKey(random);
                int item = random.nextInt(1000);
                int slot = state.indexOf(key);
                List<Integer> old = expected.get(key);
                assertEquals(old != null, slot >= 0, "presence of " + key);
                if (random.nextInt(4) == 0) {
                    if (slot < 0) {
                        List<Integer> fresh = new ArrayList<>(List.of(item));
                        slot = state.insert(key, fresh);
                        expected.put(key, new ArrayList<>(List.of(item)));
                    } else {
                        List<Integer> replaced = List.of(item);
                        state.set(slot, replaced);
                        expected.put(key, new ArrayList<>(replaced));
                    }
                } else if (slot >= 0) {
                    assertEquals(old, state.value(slot), "value of " + key);
                }
            }
            assertEquals(expected.size(), state.size());
            Map<Object, List<Integer>> iterated = new HashMap<>();
            for (int s = 0; s < state.slots(); s++) {
                if (state.occupied(s)) {
                    assertEquals(null, iterated.put(state.key(s), state.value(s)), "key seen twice");
                }
            }
            assertEquals(expected, iterated);
        });
    }

    @Test
    void tablesGrowAndKeepEveryKey() {
        int keys = 100_000;
        LongKeyLongState longs = new LongKeyLongState();
        RefKeyLongState<String> refs = new RefKeyLongState<>();
        int initialSlots = longs.slots();
        for (int i = 0; i < keys; i++) {
            long key = (long) i * 1_000_003L - 50_000L * 1_000_003L; // negatives, 0 and positives
            longs.insert(key, i);
            refs.insert("k" + i, i);
        }
        assertTrue(longs.slots() > initialSlots);
        assertTrue(longs.slots() - 1 >= keys / 0.75, "load factor at most 3/4: " + longs.slots());
        assertTrue(refs.slots() >= keys / 0.75, "load factor at most 3/4: " + refs.slots());
        assertEquals(keys, longs.size());
        assertEquals(keys, refs.size());
        for (int i = 0; i < keys; i++) {
            long key = (long) i * 1_000_003L - 50_000L * 1_000_003L;
            assertEquals(i, longs.value(longs.indexOf(key)));
            assertEquals(i, refs.value(refs.indexOf("k" + i)));
        }
        assertEquals(-1, longs.indexOf(7));
        assertEquals(-1, refs.indexOf("absent"));
    }

    @Test
    void keyZeroIsAnOrdinaryKeyAndInsertRejectsPresentKeys() {
        LongKeyRefState<String> state = new LongKeyRefState<>(4);
        assertEquals(-1, state.indexOf(0));
        int zero = state.insert(0, "zero");
        assertEquals(zero, state.indexOf(0));
        assertEquals("zero", state.value(zero));
        assertTrue(state.occupied(zero));
        assertEquals(0, state.key(zero));
        for (long k = 1; k <= 1_000; k++) {
            state.insert(k, "v" + k); // forces resizes, which must carry key 0 along
        }
        assertEquals("zero", state.value(state.indexOf(0)));
        assertEquals(1_001, state.size());
        assertThrows(IllegalArgumentException.class, () -> state.insert(0, "again"));
        assertThrows(IllegalArgumentException.class, () -> state.insert(500, "again"));
        RefKeyRefState<Colliding, String> refs = new RefKeyRefState<>();
        refs.insert(new Colliding(1), "one");
        assertThrows(IllegalArgumentException.class, () -> refs.insert(new Colliding(1), "again"));

        LongKeyLongState empty = new LongKeyLongState();
        int occupied = 0;
        for (int s = 0; s < empty.slots(); s++) {
            occupied += empty.occupied(s) ? 1 : 0;
        }
        assertEquals(0, occupied);
        assertFalse(empty.occupied(empty.slots() - 1), "the zero key's slot is empty until key 0 is inserted");
    }

    /** A key that counts the calls of its equals and hashCode, with a chosen hash code. */
    static final class Counted {
        final int id;
        final int hash;
        int equalsCalls;
        int hashCodeCalls;

        Counted(int id, int hash) {
            this.id = id;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            equalsCalls++;
            return o instanceof Counted c && c.id == id;
        }

        @Override
        public int hashCode() {
            hashCodeCalls++;
            return hash;
        }
    }

    @Test
    void aProbePassingAKeyWithAnotherHashCodeDoesNotCallItsEquals() {
        // two hash codes with one home slot in a fresh table (16 slots)
        int first = 1;
        int second = 2;
        while ((OpenAddressing.spreadHashCode(second) & 15) != (OpenAddressing.spreadHashCode(first) & 15)) {
            second++;
        }
        RefKeyLongState<Counted> state = new RefKeyLongState<>();
        Counted a = new Counted(1, first);
        Counted b = new Counted(2, second);
        int slotA = state.insert(a, 10);
        int slotB = state.insert(b, 20);
        assertTrue(slotB != slotA);
        a.equalsCalls = 0;
        b.equalsCalls = 0;

        assertEquals(slotB, state.indexOf(b)); // passes a on its way to b
        Counted equalToB = new Counted(2, second);
        assertEquals(slotB, state.indexOf(equalToB));
        assertEquals(-1, state.indexOf(new Counted(3, second)));

        // equals runs on the key looked up: b passes a on its hash code and finds itself by identity
        assertEquals(0, b.equalsCalls, "b compared with a");
        assertEquals(1, equalToB.equalsCalls, "a copy of b compares with b only, not with a");
        assertEquals(20, state.value(slotB));
    }

    @Test
    void growingRehashesFromTheStoredHashCodesWithoutCallingHashCode() {
        RefKeyRefState<Counted, String> state = new RefKeyRefState<>();
        List<Counted> keys = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Counted key = new Counted(i, i % 7); // many equal hash codes: equals still decides
            keys.add(key);
            state.insert(key, "v" + i);
        }
        assertTrue(state.slots() >= 1_000 / 0.75, "the table grew: " + state.slots());
        for (Counted key : keys) {
            assertEquals(1, key.hashCodeCalls, "hashCode of " + key.id + " called once, by its insert");
        }
        for (Counted key : keys) {
            assertEquals("v" + key.id, state.value(state.indexOf(new Counted(key.id, key.hash))));
        }
        assertEquals(-1, state.indexOf(new Counted(1_000, 1_000 % 7)));
        assertEquals(1_000, state.size());
    }
}
