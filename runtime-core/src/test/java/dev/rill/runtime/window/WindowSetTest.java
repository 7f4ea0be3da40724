package dev.rill.runtime.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rill.runtime.state.RefKeyLongState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** WindowSet against a TreeMap of start -> table under random opens, lookups and firings. */
class WindowSetTest {
    @Test
    void behavesLikeASortedMapOfOpenWindows() {
        Random random = new Random(42);
        WindowSet<RefKeyLongState<String>> windows = new WindowSet<>();
        TreeMap<Long, RefKeyLongState<String>> reference = new TreeMap<>();
        long size = 100;
        long frontier = 0;
        for (int op = 0; op < 200_000; op++) {
            int what = random.nextInt(10);
            if (what < 5) {
                // open a window near the frontier, sometimes behind it (an input lagging in event time)
                long start = (frontier + random.nextInt(40) - 30) * size;
                if (!reference.containsKey(start) && (reference.isEmpty() || start > reference.firstKey())) {
                    RefKeyLongState<String> table = windows.open(start, start + size, RefKeyLongState::new);
                    reference.put(start, table);
                }
                frontier += random.nextInt(2);
            } else if (what < 8) {
                long start = (frontier + random.nextInt(40) - 30) * size;
                assertSame(reference.get(start), windows.get(start), "window " + start);
            } else if (!reference.isEmpty()) {
                Map.Entry<Long, RefKeyLongState<String>> first = reference.pollFirstEntry();
                assertEquals(first.getKey(), windows.start(0));
                assertEquals(first.getKey() + size, windows.end(0));
                assertSame(first.getValue(), windows.first(), "first() looks without closing");
                assertSame(first.getValue(), windows.removeFirst());
            }
            assertEquals(reference.size(), windows.size());
        }
        while (!reference.isEmpty()) {
            assertSame(reference.pollFirstEntry().getValue(), windows.removeFirst());
        }
        assertEquals(0, windows.size());
        assertNull(windows.get(0));
        assertThrows(NoSuchElementException.class, windows::first);
    }

    @Test
    void aRecycledTableComesBackEmptyForTheNextWindowOpened() {
        WindowSet<RefKeyLongState<String>> windows = new WindowSet<>();
        RefKeyLongState<String> first = windows.open(0, 100, RefKeyLongState::new);
        first.insert("red", 3);
        first.insert("green", 4);
        RefKeyLongState<String> second = windows.open(100, 200, RefKeyLongState::new);
        assertNotSame(first, second, "nothing recycled yet: a fresh table");
        assertSame(first, windows.removeFirst());
        windows.recycle(first);
        RefKeyLongState<String> third = windows.open(200, 300, RefKeyLongState::new);
        assertSame(first, third, "the fired window's table serves the next one");
        assertEquals(0, third.size());
        assertEquals(-1, third.indexOf("red"));
        assertEquals(-1, third.indexOf("green"));
        assertSame(third, windows.get(200));
        assertSame(second, windows.get(100));
        RefKeyLongState<String> fourth = windows.open(300, 400, RefKeyLongState::new);
        assertNotSame(third, fourth, "the spare was taken: a fresh table again");
        assertEquals(3, windows.size());
        // three windows fire before the next three open (a batch spanning several windows):
        // all three tables come back, the last recycled first
        List<RefKeyLongState<String>> fired = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RefKeyLongState<String> table = windows.removeFirst();
            table.insert("blue", i);
            fired.add(table);
            windows.recycle(table);
        }
        for (int i = 2; i >= 0; i--) {
            RefKeyLongState<String> reused = windows.open(400 + 100L * (2 - i), 500 + 100L * (2 - i), RefKeyLongState::new);
            assertSame(fired.get(i), reused);
            assertEquals(-1, reused.indexOf("blue"));
        }
        assertNotSame(fired.get(0), windows.open(700, 800, RefKeyLongState::new), "no spare left");
    }
}
