package dev.rill.processor.plan;

import dev.rill.processor.model.RecordShape;
import dev.rill.processor.model.Stage;
import java.util.List;

/**
 * The plan as text: what {@code describe()} returns and the generated class comment shows.
 * {@code ->} is a direct call inside a chain; {@code =>} an exchange between chains.
 *
 * <pre>
 * Pipeline ColorCount (max parallelism 128)
 * chain EventsChain, parallelism 2
 *   events [source] -> notOrange
 *   notOrange [filter] -> color
 *   color [key by] => hash to count
 * chain CountChain, parallelism 2
 *   count [aggregate] => rebalance to results
 * chain ResultsChain, parallelism 1
 *   results [sink]
 * </pre>
 *
 * An exchange that leaves record components upstream ({@link RecordCrossing}) says which
 * cross: {@code key [key by] => hash to sum (only value of Event crosses)}.
 */
public final class PlanDescription {
    private PlanDescription() {
    }

    public static String describe(JobGraph graph) {
        StringBuilder sb = new StringBuilder();
        sb.append("Pipeline ").append(graph.model().simpleName())
                .append(" (max parallelism ").append(graph.model().maxParallelism()).append(")\n");
        for (Chain chain : graph.chains()) {
            sb.append("chain ").append(chain.className()).append(", parallelism ").append(chain.parallelism()).append('\n');
            for (Stage stage : chain.members()) {
                sb.append("  ").append(stage.name()).append(" [").append(stage.kind().label());
                if (stage.isWindowed()) {
                    sb.append(", ").append(stage.window().describe());
                    if (stage.preAggregates()) {
                        sb.append(", merge ").append(stage.merge());
                    }
                } else if (stage.kind() == dev.rill.processor.model.StageKind.EVENT_TIME) {
                    sb.append(", out-of-orderness ").append(stage.maxOutOfOrderness()).append(" ms");
                }
                sb.append(']');
                String sep = " ";
                for (Target target : graph.targets(chain, stage)) {
                    sb.append(sep);
                    sep = ", ";
                    if (target instanceof Target.Call call) {
                        sb.append("-> ").append(call.stage().name());
                    } else {
                        Exchange exchange = ((Target.Route) target).exchange();
                        sb.append("=> ").append(exchange.kind().label()).append(" to ").append(exchange.to().name());
                        if (exchange.preAggregates()) {
                            sb.append(", pre-aggregated per key and window");
                        }
                        RecordCrossing crossing = graph.crossing(exchange);
                        if (crossing != null && crossing.isCut()) {
                            sb.append(' ').append(crossingText(crossing));
                        }
                    }
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code (only value of Event crosses)}, {@code (only id, name of Ev cross)}, {@code (no component of Ev crosses)}. */
    private static String crossingText(RecordCrossing crossing) {
        String record = crossing.simpleName();
        List<String> shipped = crossing.shipped().stream().map(RecordShape.Component::accessor).toList();
        if (shipped.isEmpty()) {
            return "(no component of " + record + " crosses)";
        }
        return "(only " + String.join(", ", shipped) + " of " + record + (shipped.size() == 1 ? " crosses)" : " cross)");
    }
}
