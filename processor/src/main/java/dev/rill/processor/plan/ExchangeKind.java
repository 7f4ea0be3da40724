package dev.rill.processor.plan;

/** How elements cross from one chain to the next. */
public enum ExchangeKind {
    /** By key group, as Flink: {@code keyGroup = murmur(hash(key)) % maxParallelism}, {@code subtask = keyGroup * p / maxParallelism}. */
    HASH("hash"),
    /** Round-robin over the downstream subtasks. */
    REBALANCE("rebalance"),
    /** Every downstream subtask gets every element. */
    BROADCAST("broadcast"),
    /** Subtask i to subtask i: a forward connection into a stage that reads several inputs, which cannot be fused into all of them. */
    POINTWISE("forward");

    private final String label;

    ExchangeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
