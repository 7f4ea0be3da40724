package dev.rill.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * How a hash exchange computes its key's subtask: an object key through a {@code KeyGroupMemo}
 * (remembered per hash code while few keys recur), an integer key through a
 * {@code SmallKeyGroups} (remembered per key while keys are small and non-negative), any other
 * primitive key through Flink's key groups every time.
 */
class KeyGroupRoutingTest {
    @Test
    void anObjectKeyIsRoutedThroughTheExchangesMemo() {
        String code = Compilations.generateParallelPipeline("ByWord",
                "@Source public void words(Emitter<String> out) { out.emit(\"a\"); }",
                "@KeyBy public String key(String w) { return w; }",
                "@Aggregate public long count(long c, String w) { return c + 1; }",
                "@Sink(parallelism = 1) public void out(String k, long c) {}");
        assertTrue(code.contains("this.keyGroups = new KeyGroupMemo(MAX_PARALLELISM, channels.length);"), code);
        assertTrue(code.contains("int target = keyGroups.subtask(key.hashCode());"), code);
        assertFalse(code.contains("KeyGroups.subtask("), code);
    }

    @Test
    void anIntegerKeyIsRoutedThroughTheExchangesTable() {
        String code = Compilations.generateParallelPipeline("ById",
                "@Source public void ticks(Emitter<Long> out) { out.emit(1L); }",
                "@KeyBy public long key(long t) { return t % 7; }",
                "@Aggregate public long count(long c, long t) { return c + 1; }",
                "@Sink(parallelism = 1) public void out(long k, long c) {}");
        assertTrue(code.contains("this.keyGroups = new SmallKeyGroups(MAX_PARALLELISM, channels.length);"), code);
        assertTrue(code.contains("int target = keyGroups.subtask(key, Long.hashCode(key));"), code);
        assertFalse(code.contains("KeyGroupMemo") || code.contains("KeyGroups.subtask("), code);
    }

    @Test
    void aFloatingPointKeyIsHashedEveryTime() {
        String code = Compilations.generateParallelPipeline("ByLevel",
                "@Source public void ticks(Emitter<Long> out) { out.emit(1L); }",
                "@KeyBy public double key(long t) { return t / 2.0; }",
                "@Aggregate public long count(long c, long t) { return c + 1; }",
                "@Sink(parallelism = 1) public void out(double k, long c) {}");
        assertTrue(code.contains("int target = KeyGroups.subtask(Double.hashCode(key), MAX_PARALLELISM, channels.length);"),
                code);
        assertFalse(code.contains("SmallKeyGroups") || code.contains("KeyGroupMemo"), code);
    }
}
