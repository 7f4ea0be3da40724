package dev.rill.processor.plan;

import dev.rill.processor.model.ElementType;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.TypeRef;

/**
 * One exchange: the channels from every subtask of {@code from} to every subtask of the
 * chain headed by {@code to}, fed by stage {@code via} (a {@code @KeyBy} for hash exchanges).
 *
 * @param name a Java identifier for it, e.g. {@code colorToCount}
 * @param element what each row carries besides the key
 * @param key the key carried with each row for a keyed stage, or null
 * @param timestamped whether each row carries its element's event timestamp
 */
public record Exchange(
        String name, ExchangeKind kind, Chain from, Stage via, Stage to, ElementType element, TypeRef key,
        boolean timestamped) {

    /**
     * Whether each upstream subtask pre-aggregates what crosses: a hash exchange into a
     * windowed {@code @Aggregate} with a {@code merge}. Rows are then partial accumulators per
     * key and window, not elements.
     */
    public boolean preAggregates() {
        return kind == ExchangeKind.HASH && to.preAggregates();
    }

    /**
     * Whether the rows leave the key out: a reference key of a single element, which the
     * consumer takes again from the element with the same {@code @KeyBy}, as Flink's keyed
     * operators run the key selector again on their side. One reference store less per row on
     * the producer, usually the busier side; primitive keys still travel (a long slot is cheap).
     */
    public boolean rekeysDownstream() {
        return kind == ExchangeKind.HASH && !preAggregates() && key != null && !key.isPrimitive()
                && element.isValue() && via.kind() == StageKind.KEY_BY;
    }

    public int upstreamParallelism() {
        return from.parallelism();
    }

    /** The channel matrix's downstream width: one channel per upstream subtask for pointwise exchanges. */
    public int channelsPerUpstream(int downstreamParallelism) {
        return kind == ExchangeKind.POINTWISE ? 1 : downstreamParallelism;
    }
}
