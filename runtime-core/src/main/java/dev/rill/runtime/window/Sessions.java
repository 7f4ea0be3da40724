package dev.rill.runtime.window;

import java.util.Arrays;

/**
 * The open session windows of one key: each a window {@code [start, end)} and the elements
 * that fell into it, in arrival order. An element at time {@code t} opens {@code [t, t + gap)}
 * and merges with every open session it touches, as Flink's session windows merge.
 *
 * <p>Elements are kept rather than folded as they arrive because an {@code @Aggregate} has no
 * way to merge two accumulators when an element bridges two sessions; the fold runs once,
 * in arrival order, when the session fires. A session's elements are dropped when it fires.
 */
public final class Sessions {
    private long[] starts = new long[2];
    private long[] ends = new long[2];
    private Object[][] elements = new Object[2][];
    private int[] sizes = new int[2];
    private int count;

    /**
     * Adds an element with timestamp {@code timestamp} to its session, merging sessions it
     * bridges.
     *
     * @param watermark the stage's watermark: a session that would end at or before it has fired already
     * @return the end of the element's (possibly merged) session, or {@link Long#MIN_VALUE} if the
     *     element is late: its session would have fired already and touches no open one
     */
    public long add(long timestamp, long gap, Object element, long watermark) {
        long start = timestamp;
        long end = timestamp + gap;
        int first = -1;
        // sessions are kept sorted by start and never overlap, so the touched ones are adjacent
        for (int i = 0; i < count; i++) {
            if (starts[i] <= end && ends[i] >= start) {
                if (first < 0) {
                    first = i;
                }
                start = Math.min(start, starts[i]);
                end = Math.max(end, ends[i]);
            }
        }
        if (first < 0) {
            if (end - 1 <= watermark) {
                return Long.MIN_VALUE;
            }
            int at = 0;
            while (at < count && starts[at] < start) {
                at++;
            }
            insertAt(at, start, end);
            append(at, element);
            return end;
        }
        int last = first;
        while (last + 1 < count && starts[last + 1] <= end && ends[last + 1] >= start) {
            last++;
        }
        for (int i = first + 1; i <= last; i++) {
            for (int e = 0; e < sizes[i]; e++) {
                append(first, elements[i][e]);
            }
        }
        removeRange(first + 1, last + 1);
        starts[first] = start;
        ends[first] = end;
        append(first, element);
        return end;
    }

    /** How many sessions are open. */
    public int count() {
        return count;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return ends[i];
    }

    /** The elements of session {@code i}, valid up to {@link #size(int)}. */
    public Object[] elements(int i) {
        return elements[i];
    }

    public int size(int i) {
        return sizes[i];
    }

    /** The earliest end among the open sessions, or {@link Long#MAX_VALUE} if none. */
    public long earliestEnd() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, ends[i]);
        }
        return min;
    }

    /** Drops session {@code i} (after it fired). */
    public void remove(int i) {
        removeRange(i, i + 1);
    }

    private void insertAt(int at, long start, long end) {
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            elements = Arrays.copyOf(elements, n);
            sizes = Arrays.copyOf(sizes, n);
        }
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(ends, at, ends, at + 1, count - at);
        System.arraycopy(elements, at, elements, at + 1, count - at);
        System.arraycopy(sizes, at, sizes, at + 1, count - at);
        starts[at] = start;
        ends[at] = end;
        elements[at] = new Object[4];
        sizes[at] = 0;
        count++;
    }

    private void append(int i, Object element) {
        if (sizes[i] == elements[i].length) {
            elements[i] = Arrays.copyOf(elements[i], sizes[i] * 2);
        }
        elements[i][sizes[i]++] = element;
    }

    private void removeRange(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        System.arraycopy(starts, to, starts, from, count - to);
        System.arraycopy(ends, to, ends, from, count - to);
        System.arraycopy(elements, to, elements, from, count - to);
        System.arraycopy(sizes, to, sizes, from, count - to);
        for (int i = count - n; i < count; i++) {
            elements[i] = null;
        }
        count -= n;
    }
}
