package dev.rill.processor.plan;

import dev.rill.processor.model.Stage;

/** Where a stage's output goes inside its chain: a call to a fused stage, or into an exchange. */
public sealed interface Target {
    /** A direct call to the next stage in the same chain (including a {@code @KeyBy}). */
    record Call(Stage stage) implements Target {
    }

    /** A hand-off into an exchange's partitioner. */
    record Route(Exchange exchange) implements Target {
    }
}
