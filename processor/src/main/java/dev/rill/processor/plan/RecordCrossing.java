package dev.rill.processor.plan;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.Parameter;
import dev.rill.processor.model.ParameterUse;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a record crosses an exchange when it crosses as its components, one batch slot each,
 * rebuilt downstream by its canonical constructor: which components, and which stages of the
 * consuming chain receive the record as it arrived.
 *
 * <p><b>As components or as a reference.</b> A record crosses as its components when it was
 * made right before the exchange: by the stage feeding it (a source, transform or flat map),
 * only a {@code @KeyBy} and an {@code @EventTime} between, which read the element and pass it
 * on unchanged. Then the JIT can see the record die at the exchange and not allocate it at all
 * (W3: 40.75 -> 1.07 B/event; W4, through its {@code @EventTime}: 41.3 -> 1.6 B/event in 38 of
 * 48 JMH forks). A record that passes a filter or a transform first is usually allocated
 * anyway (HotSpot inlines a call into the loop that made the record only while the callee's
 * compiled code stays under 2,500 bytes), and then one reference per row is cheaper than its
 * components: W2, whose events pass a filter, ran at 17-26 M events/s with them against 29-32
 * with a reference (JMH, 3 forks each); unless at most one component crosses, which is no
 * wider than the reference and lets the record die anyway (W2: 40 -> 0.13 B/event), and the
 * record's canonical constructor is the implicit one (a constructor of the user's would run
 * again on the rebuild, where the record used to cross as itself). Every
 * exchange into one chain has the same layout, as the chain reads all its inputs with one
 * loop: a union flattens only if each of its inputs would.
 *
 * <p><b>Which components.</b> Only those the stages after the exchange read. The consumer
 * rebuilds the record with placeholders (zero, false, null) for the rest, which is sound only
 * when nothing could see them: every stage that receives the record as it arrived (the
 * chain's head, the {@code @KeyBy} run again downstream, and whatever a filter or an
 * {@code @EventTime} passes it on to) calls nothing on it but implicit accessors, no override
 * can replace those stages (see {@link ParameterUse}), and the record's canonical constructor
 * is the implicit one, so the placeholders run no code of the user's. A stage that keeps the
 * record itself (a {@code @Reduce}), or passes it on into another exchange, needs all of it.
 * Why: each component a row carries costs a store on the producer and a load on the
 * consumer, and a reference costs more under G1 (its write barrier). W3's rows went from the
 * key and the event's four components to the key and {@code value}: 54.4 -> 78.4 M events/s
 * beside the plain loop's 322 and 275 in one JMH sitting, 0.17x -> 0.28x (README, Performance).
 *
 * @param type the record's type
 * @param shape the record
 * @param shipped the components that cross, in declaration order: all of them unless they
 *     could be cut
 * @param receivers the stages of the consuming chain that receive the record as it arrived
 */
public record RecordCrossing(TypeName type, RecordShape shape, List<RecordShape.Component> shipped,
        Set<Stage> receivers) {

    /** The record type's simple name, as its {@code toString()} starts. */
    public String simpleName() {
        return type instanceof ClassName c ? c.simpleName() : type.toString();
    }

    /** Whether some component stays upstream. */
    public boolean isCut() {
        return shipped.size() < shape.components().size();
    }

    /** How the element of {@code exchange} crosses as components, or null where it crosses as a reference. */
    static RecordCrossing of(Exchange exchange, JobGraph graph) {
        RecordShape shape = graph.model().recordShape(exchange.element());
        if (exchange.preAggregates() || shape == null) {
            return null;
        }
        RecordCrossing crossing = cut(exchange, exchange.element().single().name(), shape, graph);
        // at most one component, and no constructor of the user's to run again on the rebuild
        boolean narrow = crossing.shipped().size() <= 1 && shape.implicitConstructor();
        boolean flattens = narrow || graph.exchangesInto(exchange.to()).stream().allMatch(in -> madeRightBefore(in, graph));
        return flattens ? crossing : null;
    }

    /** What of {@code shape} would cross {@code exchange} as components: decided by the consuming chain. */
    private static RecordCrossing cut(Exchange exchange, TypeName type, RecordShape shape, JobGraph graph) {
        Set<Stage> receivers = new LinkedHashSet<>();
        Chain consumer = graph.chains().stream().filter(c -> c.head() == exchange.to()).findFirst().orElseThrow();
        if (exchange.rekeysDownstream()) {
            receivers.add(exchange.via());
        }
        boolean whole = !shape.implicitConstructor() || !follow(exchange.to(), consumer, graph, receivers);
        Set<String> calls = new HashSet<>();
        for (Stage stage : receivers) {
            List<Parameter> element = Flow.elementParameters(stage);
            ParameterUse use = element.size() == 1 ? element.get(0).use() : ParameterUse.WHOLE;
            whole |= use.whole();
            calls.addAll(use.calls());
        }
        // toString(), an accessor the record declares itself, ... may read any component
        boolean all = whole || calls.stream().anyMatch(call -> shape.implicitAccessor(call) == null);
        List<RecordShape.Component> shipped = shape.components().stream()
                .filter(c -> all || calls.contains(c.accessor())).toList();
        return new RecordCrossing(type, shape, shipped, Set.copyOf(receivers));
    }

    /**
     * Adds {@code stage} and the stages it passes the record on to within {@code chain};
     * false when the record goes on whole: into an exchange, or kept by a {@code @Reduce}.
     */
    private static boolean follow(Stage stage, Chain chain, JobGraph graph, Set<Stage> receivers) {
        receivers.add(stage);
        return switch (stage.kind()) {
            case REDUCE -> false;
            case FILTER, EVENT_TIME, KEY_BY -> {
                boolean cut = true;
                for (Target target : graph.targets(chain, stage)) {
                    cut &= target instanceof Target.Call call && follow(call.stage(), chain, graph, receivers);
                }
                yield cut;
            }
            default -> stage.kind() != StageKind.SOURCE;
        };
    }

    /**
     * Whether the stage that made the exchanged element feeds the exchange in the same chain,
     * with only stages between that pass the element on unchanged ({@code @KeyBy}, {@code @EventTime}).
     */
    private static boolean madeRightBefore(Exchange exchange, JobGraph graph) {
        Stage maker = exchange.via();
        while (maker.kind() == StageKind.KEY_BY || maker.kind() == StageKind.EVENT_TIME) {
            List<Stage> inputs = graph.flow().inputs(maker);
            if (inputs.size() != 1) {
                return false;
            }
            maker = inputs.get(0);
        }
        StageKind kind = maker.kind();
        return (kind == StageKind.SOURCE || kind == StageKind.TRANSFORM || kind == StageKind.FLAT_MAP)
                && exchange.from().members().contains(maker);
    }
}
