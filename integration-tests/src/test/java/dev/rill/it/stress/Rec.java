package dev.rill.it.stress;

/**
 * A sequence-numbered element: {@code src} identifies the source subtask that emitted it,
 * {@code seq} is its position in that subtask's output (0, 1, 2, ...), {@code hop} is a stamp a
 * middle stage may set (the id of the pipeline instance that handled it; -1 if none).
 */
public record Rec(int src, long seq, int hop) {
    public Rec withHop(int hop) {
        return new Rec(src, seq, hop);
    }
}
