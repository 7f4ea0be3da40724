package dev.rill.runtime;

/**
 * An event-time window, half-open: it holds the timestamps {@code start <= t < end}. Windows
 * are aligned to epoch 0 as Flink's are, so a tumbling window of 1,000 ms starting at 3,000
 * holds 3,000 to 3,999.
 *
 * <pre>{@code
 * @Sink
 * public void results(String color, long count, TimeWindow window) {
 *     System.out.println(window.start() + ".." + window.end() + " " + color + " " + count);
 * }
 * }</pre>
 *
 * @param start the first timestamp in the window, in ms
 * @param end the first timestamp after the window, in ms
 */
public record TimeWindow(long start, long end) {
    /** The last timestamp in the window: the watermark at which it fires. */
    public long maxTimestamp() {
        return end - 1;
    }
}
