package dev.rill.processor.model;

/** What the user asked of a stage's input exchange: nothing, {@code @Rebalance} or {@code @Broadcast}. */
public enum ExchangeHint {
    NONE, REBALANCE, BROADCAST
}
