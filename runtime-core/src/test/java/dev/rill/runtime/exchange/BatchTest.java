package dev.rill.runtime.exchange;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a batch is made ready for reuse: see {@link Batch#recycle()}. */
class BatchTest {

    @Test
    void recyclingBetweenCollectionsClearsTheRowsInPlace() {
        Batch b = new Batch(4, 2, 0);
        Object[] refs = b.refs;
        fill(b, 3);
        b.recycle();
        assertSame(refs, b.refs, "no collection since the array was made: it is reused");
        assertArrayEquals(new Object[8], b.refs, "every reference the consumer is done with is cleared");
        assertEquals(0, b.size);
        assertFalse(b.isLast());
    }

    @Test
    void recyclingAfterACollectionTakesANewArraySoThatNoneGrowsOld() {
        Batch b = new Batch(4, 2, 0);
        Object[] before = b.refs;
        fill(b, 3);
        collectGarbage();
        b.recycle();
        assertNotSame(before, b.refs, "a collection went by: a new array, which starts young");
        assertArrayEquals(new Object[8], b.refs, "the new array is empty and as long as the old one");
        assertEquals(0, b.size);

        Object[] renewed = b.refs;
        fill(b, 2);
        b.recycle();
        assertSame(renewed, b.refs, "the new array is kept until the next collection");
    }

    @Test
    void aBatchWithoutReferenceSlotsHasNothingToRenew() {
        Batch b = new Batch(4, 0, 1);
        Object[] refs = b.refs;
        b.longs[0] = 7;
        b.size = 1;
        collectGarbage();
        b.recycle();
        assertSame(refs, b.refs);
        assertEquals(0, b.refs.length);
        assertEquals(0, b.size);
    }

    @Test
    void rowsMarkedAsNullRecordsStayMarkedUntilTheBatchIsRecycled() {
        Batch b = new Batch(4, 0, 1);
        assertNull(b.nullRecords(), "no row marked yet");
        b.size = 3;
        b.markNullRecord(1);
        assertArrayEquals(new boolean[] {false, true, false, false}, b.nullRecords());
        b.recycle();
        assertNull(b.nullRecords(), "a recycled batch has no marked row");
        b.size = 3;
        b.markNullRecord(2);
        assertArrayEquals(new boolean[] {false, false, true, false}, b.nullRecords(), "the row marked before is unmarked");
    }

    @Test
    void rowsWrittenIntoARenewedArrayReachTheConsumer() {
        BatchChannel ch = new BatchChannel(2, 2, 1, 0);
        write(ch, "a");
        write(ch, "b"); // full: published
        Batch first = ch.poll();
        assertEquals(Arrays.asList("a", "b"), Arrays.asList(first.refs).subList(0, first.size));
        collectGarbage();
        Object[] old = first.refs;
        ch.release(); // renews the first batch's array
        write(ch, "c");
        write(ch, "d"); // the second batch, published; the producer takes the first one again
        assertSame(first, ch.batch);
        assertNotSame(old, first.refs);
        write(ch, "e"); // into the new array
        Batch second = ch.poll();
        assertEquals(Arrays.asList("c", "d"), Arrays.asList(second.refs).subList(0, second.size));
        ch.release();
        write(ch, "f");
        Batch again = ch.poll();
        assertSame(first, again);
        assertEquals(Arrays.asList("e", "f"), Arrays.asList(again.refs).subList(0, again.size));
    }

    private static void fill(Batch b, int rows) {
        for (int r = 0; r < rows; r++) {
            b.refs[r * 2] = "key" + r;
            b.refs[r * 2 + 1] = "value" + r;
        }
        b.size = rows;
    }

    private static void write(BatchChannel ch, Object row) {
        Batch b = ch.batch;
        b.refs[b.size] = row;
        ch.commit();
    }

    /** Runs collections until one has certainly happened: a weakly held object is gone. */
    private static void collectGarbage() {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 10 && !probe.refersTo(null); i++) {
            System.gc();
        }
        assertTrue(probe.refersTo(null), "no garbage collection happened after 10 System.gc() calls");
    }
}
