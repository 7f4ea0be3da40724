package dev.rill.runtime.window;

import java.util.Arrays;

/**
 * The open event-time windows of one windowed stage in one subtask, each with its own keyed
 * state table {@code S}, ordered by end so that a watermark fires them from the front. A
 * fired window's table is dropped with it, so state stays bounded on an unbounded stream.
 *
 * <p>Tumbling and sliding windows keep few windows open at once (one or two, or
 * {@code size / slide}), so a sorted array with a cache of the last window hit beats a map:
 * most elements land in the window the previous one did.
 *
 * <pre>{@code
 * RefKeyLongState<String> table = windows.get(start);
 * if (table == null) { table = new RefKeyLongState<>(); windows.put(start, start + size, table); }
 * }</pre>
 *
 * @param <S> the keyed state table type
 */
public final class WindowSet<S> {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private Object[] tables = new Object[4];
    private int size;
    private int last = -1;

    /** The table of the window starting at {@code start}, or null if it is not open. */
    @SuppressWarnings("unchecked")
    public S get(long start) {
        int hit = last;
        if (hit >= 0 && hit < size && starts[hit] == start) {
            return (S) tables[hit];
        }
        for (int i = 0; i < size; i++) {
            if (starts[i] == start) {
                last = i;
                return (S) tables[i];
            }
        }
        return null;
    }

    /** Opens the window {@code [start, end)} with {@code table}. */
    public void put(long start, long end, S table) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            tables = Arrays.copyOf(tables, size * 2);
        }
        int at = size;
        while (at > 0 && (ends[at - 1] > end || (ends[at - 1] == end && starts[at - 1] > start))) {
            at--;
        }
        System.arraycopy(starts, at, starts, at + 1, size - at);
        System.arraycopy(ends, at, ends, at + 1, size - at);
        System.arraycopy(tables, at, tables, at + 1, size - at);
        starts[at] = start;
        ends[at] = end;
        tables[at] = table;
        size++;
        last = at;
    }

    /** How many windows are open. */
    public int size() {
        return size;
    }

    /** The start of the {@code i}-th open window, by end. */
    public long start(int i) {
        return starts[i];
    }

    /** The end of the {@code i}-th open window: the earliest-ending window is 0. */
    public long end(int i) {
        return ends[i];
    }

    /** Closes the earliest-ending window and returns its table. */
    @SuppressWarnings("unchecked")
    public S removeFirst() {
        S table = (S) tables[0];
        size--;
        System.arraycopy(starts, 1, starts, 0, size);
        System.arraycopy(ends, 1, ends, 0, size);
        System.arraycopy(tables, 1, tables, 0, size);
        tables[size] = null;
        last = -1;
        return table;
    }
}
