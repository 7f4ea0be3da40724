package dev.rill.runtime;

/**
 * Elements a stage received and emitted over a run, summed over its subtasks.
 *
 * @param stage the stage method's name
 * @param elementsIn elements the stage received
 * @param elementsOut elements the stage emitted (for a filter, those it kept; 0 for a sink)
 */
public record StageMetrics(String stage, long elementsIn, long elementsOut) {
}
