package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A hash exchange over many object keys. Each source subtask's exchange remembers the subtask
 * per hash code at first ({@code KeyGroupMemo}), gives that up at the end of its first window
 * of 65,536 elements (far more than one lookup in 32 misses over 50,000 keys), and routes by
 * Flink's key groups from then on: every key must still reach exactly one keyed subtask (the
 * one owning it, or that subtask would fail on a foreign key) and be counted exactly, before
 * and after the switch.
 */
class ManyObjectKeysTest {
    static final int KEYS = 50_000;
    static final long N = 400_000;

    @Pipeline(parallelism = 2)
    static class PerKey {
        /** The last count this instance's sink saw per key. */
        final Map<String, Long> last = new HashMap<>();

        @Source
        public void numbers(SourceContext ctx, Emitter<Long> out) {
            long to = (ctx.subtaskIndex() + 1) * N / ctx.parallelism();
            for (long i = ctx.subtaskIndex() * N / ctx.parallelism(); i < to; i++) {
                out.emit(i);
            }
        }

        @KeyBy
        public String key(long i) {
            return "key-" + (i % KEYS);
        }

        @Aggregate
        public long count(long count, long i) {
            return count + 1;
        }

        @Sink
        public void out(String key, long count) {
            last.put(key, count);
        }
    }

    @Test
    void everyKeyIsCountedWholeInOneSubtaskBeforeAndAfterTheMemoGivesUp() {
        List<PerKey> instances = new ArrayList<>();
        RillManyObjectKeysTest_PerKey.create(() -> {
            PerKey p = new PerKey();
            synchronized (instances) {
                instances.add(p);
            }
            return p;
        }).run();

        Map<String, Long> counts = new HashMap<>();
        Set<String> seenTwice = new HashSet<>();
        for (PerKey p : instances) {
            p.last.forEach((key, count) -> {
                if (counts.put(key, count) != null) {
                    seenTwice.add(key);
                }
            });
        }
        assertEquals(Set.of(), seenTwice, "keys counted in two subtasks");
        assertEquals(KEYS, counts.size());
        for (int k = 0; k < KEYS; k++) {
            assertEquals(N / KEYS, counts.get("key-" + k), "count of key-" + k);
        }
    }
}
