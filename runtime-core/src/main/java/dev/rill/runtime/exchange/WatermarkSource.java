package dev.rill.runtime.exchange;

/**
 * Where a channel reads its producer's event-time watermark when it publishes a batch: the
 * watermark then travels with the batch, in order with its rows, and applies after them.
 */
public interface WatermarkSource {
    /** No event time yet: nothing may be assumed complete. */
    long NO_WATERMARK = Long.MIN_VALUE;

    /** The producer's current watermark: no element it emits later has a timestamp at or below it. */
    long currentWatermark();

    /**
     * Told after {@code channel} published a batch, on the producer's thread: where the
     * producer keeps its other channels from falling silent (see {@code Subtask}).
     */
    default void published(BatchChannel channel) {
    }
}
