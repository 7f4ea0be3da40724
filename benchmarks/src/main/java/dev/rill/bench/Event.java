package dev.rill.bench;

/** The event of WORKLOADS.md; {@code timestamp} is event time in ms (= the index). */
public record Event(long id, String color, int value, long timestamp) {
}
