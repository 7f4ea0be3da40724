package dev.rill.runtime.exec;

import dev.rill.runtime.StageMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-stage element counts, summed over all subtasks of a job. Subtasks count in plain fields
 * while they run and report here once, when they finish ({@link Subtask#reportMetrics}), so
 * the hot loops never touch shared counters.
 *
 * <pre>{@code
 * protected void reportMetrics(Metrics metrics) {
 *     metrics.add(NOT_ORANGE, notOrangeIn, notOrangeOut);
 *     metrics.add(COLOR, colorIn, colorOut);
 * }
 * }</pre>
 *
 * Stages are identified by their position in the stage names given to {@link Job}.
 */
public final class Metrics {
    private final long[] elementsIn;
    private final long[] elementsOut;
    private long lateElements;

    Metrics(int stages) {
        this.elementsIn = new long[stages];
        this.elementsOut = new long[stages];
    }

    /** Adds one subtask's counts for the stage at {@code stage} (its index in declaration order). */
    public synchronized void add(int stage, long elementsIn, long elementsOut) {
        this.elementsIn[stage] += elementsIn;
        this.elementsOut[stage] += elementsOut;
    }

    /** Adds elements a windowed stage dropped because all their windows had fired. */
    public synchronized void addLate(long elements) {
        lateElements += elements;
    }

    synchronized List<StageMetrics> stages(String[] stageNames) {
        List<StageMetrics> stages = new ArrayList<>(stageNames.length);
        for (int i = 0; i < stageNames.length; i++) {
            stages.add(new StageMetrics(stageNames[i], elementsIn[i], elementsOut[i]));
        }
        return stages;
    }

    synchronized long lateElements() {
        return lateElements;
    }
}
