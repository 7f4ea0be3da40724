package dev.rill.runtime.window;

import dev.rill.runtime.state.KeyedTable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The open event-time windows of one windowed stage in one subtask, each with its own keyed
 * state table {@code S}, ordered by end so that a watermark fires them from the front. A
 * fired window's table leaves with it, so state stays bounded on an unbounded stream; handed
 * back ({@link #recycle}), it is emptied and serves the next window opened
 * ({@link #open}), so a stream of windows does not make a table of garbage per window.
 *
 * <p>Tumbling and sliding windows all have one size, so ordering by end is ordering by start:
 * lookups are a binary search (with a cache of the last window hit, where most elements
 * land), new windows are mostly appended at the back, and fired ones leave from the front in
 * constant time. How many windows are open at once depends on how far apart in event time
 * the stage's inputs are (up to what the channels hold), so no operation may be linear in it.
 *
 * <pre>{@code
 * RefKeyLongState<String> table = windows.get(start);
 * if (table == null) { table = windows.open(start, start + size, RefKeyLongState::new); }
 * ...
 * RefKeyLongState<String> fired = windows.removeFirst(); // emit its keys, then
 * windows.recycle(fired);
 * }</pre>
 *
 * @param <S> the keyed state table type
 */
public final class WindowSet<S extends KeyedTable> {
    /**
     * Fired windows' tables, cleared, for the next windows opened: as many as have fired and
     * not been reused, so never more than the most windows this set has had open at once
     * (a batch spanning several windows of event time opens several before the watermark
     * fires any).
     */
    private final ArrayDeque<S> spares = new ArrayDeque<>();
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private Object[] tables = new Object[8];
    /** The open windows are at [head, tail). */
    private int head;
    private int tail;
    private int last = -1;

    /** The table of the window starting at {@code start}, or null if it is not open. */
    @SuppressWarnings("unchecked")
    public S get(long start) {
        int hit = last;
        if (hit >= head && hit < tail && starts[hit] == start) {
            return (S) tables[hit];
        }
        int at = Arrays.binarySearch(starts, head, tail, start);
        if (at < 0) {
            return null;
        }
        last = at;
        return (S) tables[at];
    }

    /**
     * Opens the window {@code [start, end)} with the table last {@linkplain #recycle recycled},
     * or one from {@code fresh} if none is left, and returns that table (empty either way).
     */
    public S open(long start, long end, Supplier<? extends S> fresh) {
        S table = spares.pollLast();
        if (table == null) {
            table = fresh.get();
        }
        put(start, end, table);
        return table;
    }

    /**
     * Takes back a fired window's table, once its keys have been read: it is cleared and kept
     * for a later {@link #open}, the last recycled first.
     */
    public void recycle(S table) {
        table.clear();
        spares.addLast(table);
    }

    /** Opens the window {@code [start, end)} with {@code table}; windows must share one size. */
    private void put(long start, long end, S table) {
        if (tail == starts.length) {
            makeRoom();
        }
        int at = tail;
        if (at > head && starts[at - 1] > start) {
            at = -Arrays.binarySearch(starts, head, tail, start) - 1;
            System.arraycopy(starts, at, starts, at + 1, tail - at);
            System.arraycopy(ends, at, ends, at + 1, tail - at);
            System.arraycopy(tables, at, tables, at + 1, tail - at);
        }
        starts[at] = start;
        ends[at] = end;
        tables[at] = table;
        tail++;
        last = at;
    }

    /** How many windows are open. */
    public int size() {
        return tail - head;
    }

    /** The start of the {@code i}-th open window, by end. */
    public long start(int i) {
        return starts[head + i];
    }

    /** The end of the {@code i}-th open window: the earliest-ending window is 0. */
    public long end(int i) {
        return ends[head + i];
    }

    /** The table of the earliest-ending window, which stays open; there must be one. */
    @SuppressWarnings("unchecked")
    public S first() {
        if (head == tail) {
            throw new java.util.NoSuchElementException("no open window");
        }
        return (S) tables[head];
    }

    /** Closes the earliest-ending window and returns its table. */
    @SuppressWarnings("unchecked")
    public S removeFirst() {
        S table = (S) tables[head];
        tables[head] = null;
        head++;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return table;
    }

    /** Moves the open windows to the front, or grows the arrays when they are more than half full. */
    private void makeRoom() {
        int size = tail - head;
        if (size * 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            ends = Arrays.copyOf(ends, ends.length * 2);
            tables = Arrays.copyOf(tables, tables.length * 2);
        }
        if (head > 0) {
            System.arraycopy(starts, head, starts, 0, size);
            System.arraycopy(ends, head, ends, 0, size);
            System.arraycopy(tables, head, tables, 0, size);
            Arrays.fill(tables, size, tail, null);
            head = 0;
            tail = size;
        }
        last = -1;
    }
}
