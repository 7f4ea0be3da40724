package dev.rill.runtime.window;

import dev.rill.runtime.exchange.WatermarkSource;

/** Watermark strategies generated code uses. */
public final class Watermarks {
    private Watermarks() {
    }

    /**
     * Flink's bounded-out-of-orderness watermark: the largest timestamp seen, minus the allowed
     * out-of-orderness, minus 1 (an element at exactly the watermark would already be late).
     * No watermark until a timestamp was seen.
     */
    public static long boundedOutOfOrderness(long maxTimestamp, long maxOutOfOrderness) {
        if (maxTimestamp == Long.MIN_VALUE) {
            return WatermarkSource.NO_WATERMARK;
        }
        long watermark = maxTimestamp - maxOutOfOrderness - 1;
        return watermark > maxTimestamp ? WatermarkSource.NO_WATERMARK : watermark; // underflow
    }
}
