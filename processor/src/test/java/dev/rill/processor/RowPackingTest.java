package dev.rill.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Primitives of 32 bits or fewer share a {@code long} slot of a batch row two by two: the first
 * written into the lower half (masked, so that its sign bits stay out of the upper one), the next
 * or-ed into the upper half, and each read back from its half. {@code long} and {@code double}
 * keep a slot each, and a narrow value left without a partner keeps the plain encoding.
 * Integration tests ({@code PackedRowTest}, {@code RecordExchangeTest}) check the values that
 * arrive.
 */
class RowPackingTest {
    @Test
    void anIntKeyAndAnIntElementShareOneLong() {
        String code = Compilations.generateParallelPipeline("IntPairs",
                "@Source public void ids(Emitter<Long> out) { out.emit(1L); }",
                "@Transform public int value(long id) { return (int) id; }",
                "@KeyBy public int bucket(int v) { return v % 5; }",
                "@Aggregate public long sum(long acc, int v) { return acc + v; }",
                "@Sink public void out(int k, long s) {}");
        assertContains(code, "job.exchange(2, 2, 0, 1, ");
        assertContains(code, "batch.longs[row] = key & 0xFFFFFFFFL;");
        assertContains(code, "batch.longs[row] |= (long) element << 32;");
        assertContains(code, "int key = (int) longs[row];");
        assertContains(code, "int element = (int) (longs[row] >>> 32);");
    }

    @Test
    void narrowComponentsOfARecordPairUpAfterTheKeyAndALongKeepsItsOwnSlot() {
        String code = Compilations.generateParallelPipeline("Ticks",
                "public record Tick(int delta, float ratio, long at, boolean up, char code, short level) {}",
                "@Source public void ticks(Emitter<Tick> out) { out.emit(new Tick(1, 2f, 3L, true, 'c', (short) 4)); }",
                "@KeyBy public int key(Tick t) { return t.delta(); }",
                "@Aggregate public long fold(long acc, Tick t) { return acc + t.delta() + (long) t.ratio() + t.at()"
                        + " + (t.up() ? 1 : 0) + t.code() + t.level(); }",
                "@Sink public void out(int k, long s) {}");
        // key | delta, ratio | up, at, code | level; a null Tick is marked in the batch's null rows
        assertContains(code, "job.exchange(2, 2, 0, 4, ");
        assertContains(code, "batch.longs[4 * row] = key & 0xFFFFFFFFL;");
        assertContains(code, "batch.longs[4 * row] |= (long) element.delta() << 32;");
        assertContains(code, "batch.longs[4 * row + 1] = Float.floatToRawIntBits(element.ratio()) & 0xFFFFFFFFL;");
        assertContains(code, "batch.longs[4 * row + 2] = element.at();");
        assertContains(code, "batch.longs[4 * row + 1] |= (long) (element.up() ? 1 : 0) << 32;");
        assertContains(code, "batch.longs[4 * row + 3] = element.code() & 0xFFFFFFFFL;");
        assertContains(code, "batch.longs[4 * row + 3] |= (long) element.level() << 32;");
        assertContains(code, "int key = (int) longs[4 * row];");
        assertContains(code, "new Ticks.Tick((int) (longs[4 * row] >>> 32), Float.intBitsToFloat((int) longs[4 * row + 1]), "
                + "longs[4 * row + 2], (int) (longs[4 * row + 1] >>> 32) != 0, (char) (int) longs[4 * row + 3], "
                + "(short) (int) (longs[4 * row + 3] >>> 32))");
    }

    @Test
    void aNarrowValueWithoutAPartnerKeepsTheWholeSlot() {
        String code = Compilations.generateParallelPipeline("Lone",
                "@Source public void ids(Emitter<Long> out) { out.emit(1L); }",
                "@Transform public long twice(long id) { return id * 2; }",
                "@KeyBy public int bucket(long v) { return (int) (v % 5); }",
                "@Aggregate public long sum(long acc, long v) { return acc + v; }",
                "@Sink public void out(int k, long s) {}");
        assertContains(code, "job.exchange(2, 2, 0, 2, ");
        assertContains(code, "batch.longs[2 * row] = key;");
        assertContains(code, "int key = (int) longs[2 * row];");
    }

    private static void assertContains(String code, String line) {
        assertTrue(code.contains(line), () -> "expected `" + line + "` in:\n" + code);
    }
}
