package dev.rill.runtime;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a finished run reports: per stage, the elements in and out; the wall time; late
 * elements dropped by windowed stages.
 *
 * <pre>{@code
 * PipelineResult result = RillColorCount.create(ColorCount::new).run();
 * long kept = result.stage("notOrange").elementsOut();
 * }</pre>
 */
public final class PipelineResult {
    private final List<StageMetrics> stages;
    private final Duration wallTime;
    private final long lateElements;
    private final boolean cancelled;

    public PipelineResult(List<StageMetrics> stages, Duration wallTime, long lateElements, boolean cancelled) {
        this.stages = List.copyOf(stages);
        this.wallTime = wallTime;
        this.lateElements = lateElements;
        this.cancelled = cancelled;
    }

    /** Every stage in declaration order. */
    public List<StageMetrics> stages() {
        return stages;
    }

    /** The metrics of the stage whose method is called {@code name}. */
    public StageMetrics stage(String name) {
        for (StageMetrics s : stages) {
            if (s.stage().equals(name)) {
                return s;
            }
        }
        throw new NoSuchElementException("no stage named " + name + " in " + stages);
    }

    /** From start to the moment the last subtask finished. */
    public Duration wallTime() {
        return wallTime;
    }

    /** Elements dropped because every window they belonged to had fired already. */
    public long lateElements() {
        return lateElements;
    }

    /** True if the run ended through {@link RunningPipeline#cancel()} rather than the end of its input. */
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "PipelineResult" + stages + " in " + wallTime.toMillis() + " ms"
                + (cancelled ? " (cancelled)" : "");
    }
}
