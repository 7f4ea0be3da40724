package dev.rill.processor.plan;

import dev.rill.processor.model.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages fused into one loop body: the head (a source, or a stage reading exchanges) and
 * every stage reached from it over forward connections, plus the {@code @KeyBy} stages it
 * routes through. Runs as {@code parallelism} subtasks, each with its own pipeline instance.
 */
public final class Chain {
    private final Stage head;
    private final int parallelism;
    final List<Stage> members = new ArrayList<>();
    final List<Exchange> inputs = new ArrayList<>();
    final List<Exchange> outputs = new ArrayList<>();

    Chain(Stage head, int parallelism) {
        this.head = head;
        this.parallelism = parallelism;
    }

    public Stage head() {
        return head;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Every stage of the chain, the head first, then in source order. */
    public List<Stage> members() {
        return members;
    }

    public List<Exchange> inputs() {
        return inputs;
    }

    public List<Exchange> outputs() {
        return outputs;
    }

    public String className() {
        return Names.upper(head.name()) + "Chain";
    }

    @Override
    public String toString() {
        return className();
    }
}
