package dev.rill.processor.plan;

import dev.rill.processor.model.ElementType;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The physical plan of a pipeline: chains of fused stages joined by exchanges. What the
 * writers turn into code and {@code describe()} prints.
 */
public final class JobGraph {
    private final PipelineModel model;
    private final Flow flow;
    private final List<Chain> chains;
    private final List<Exchange> exchanges;
    private final Map<Chain, Map<Stage, List<Target>>> targets;
    private final Map<Exchange, Optional<RecordCrossing>> crossings = new IdentityHashMap<>();

    JobGraph(PipelineModel model, Flow flow, List<Chain> chains, List<Exchange> exchanges,
            Map<Chain, Map<Stage, List<Target>>> targets) {
        this.model = model;
        this.flow = flow;
        this.chains = List.copyOf(chains);
        this.exchanges = List.copyOf(exchanges);
        this.targets = targets;
    }

    public PipelineModel model() {
        return model;
    }

    /** Chains in the source order of their heads. */
    public List<Chain> chains() {
        return chains;
    }

    public List<Exchange> exchanges() {
        return exchanges;
    }

    /** The exchanges into the chain headed by {@code head}: more than one where it reads a union. */
    public List<Exchange> exchangesInto(Stage head) {
        return exchanges.stream().filter(e -> e.to() == head).toList();
    }

    /**
     * How the element of {@code exchange} crosses as record components, or null where it
     * crosses as a reference. Decided once per exchange: the layout, the consumer's stages and
     * their failure messages and the plan's text all ask.
     */
    public RecordCrossing crossing(Exchange exchange) {
        return crossings.computeIfAbsent(exchange, e -> Optional.ofNullable(RecordCrossing.of(e, this))).orElse(null);
    }

    /** Where {@code stage}'s output goes when it runs inside {@code chain}. */
    public List<Target> targets(Chain chain, Stage stage) {
        return targets.get(chain).getOrDefault(stage, List.of());
    }

    /** What the stage receives; for a keyed stage, the element without its key. */
    public ElementType input(Stage stage) {
        return flow.input(stage);
    }

    public ElementType output(Stage stage) {
        return flow.output(stage);
    }

    public Flow flow() {
        return flow;
    }

    /** The stages that run inside {@code chain} and read {@code stage}'s output directly. */
    public List<Stage> inputsInChain(Chain chain, Stage stage) {
        return flow.inputs(stage).stream().filter(chain.members()::contains).toList();
    }
}
