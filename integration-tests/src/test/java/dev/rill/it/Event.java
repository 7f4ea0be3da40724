package dev.rill.it;

/** The reference event of WORKLOADS.md. */
public record Event(long id, String color, int value, long timestamp) {
}
