package dev.rill.processor.model;

/**
 * A {@code @Window} as declared (all in ms): {@code size} alone is tumbling, {@code size} and
 * {@code slide} sliding, {@code gap} alone a session window.
 */
public record WindowSpec(long size, long slide, long gap) {

    public boolean isSession() {
        return gap > 0 && size == 0;
    }

    /** How far apart windows start: the slide, or the size for tumbling windows. */
    public long step() {
        return slide > 0 ? slide : size;
    }

    public String describe() {
        if (isSession()) {
            return "session window, gap " + gap + " ms";
        }
        return slide > 0 && slide != size ? "sliding window " + size + " ms every " + slide + " ms"
                : "tumbling window " + size + " ms";
    }
}
