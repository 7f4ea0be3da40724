package dev.rill.processor.plan;

import dev.rill.processor.model.ExchangeHint;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a valid pipeline into chains and exchanges, as Flink's job graph generator chains
 * operators: a stage joins its upstream's chain when it has exactly one input, at the same
 * parallelism, with no {@code @KeyBy} or exchange annotation between them. A {@code @KeyBy}
 * runs inside each of its upstream chains and makes the connection a hash exchange.
 */
public final class Planner {

    /** A connection from stage {@code from} (through key-by {@code keyBy}, or not) to stage {@code to}. */
    private record Edge(Stage from, Stage keyBy, Stage to, ExchangeKind kind) {
        boolean isForward() {
            return kind == null;
        }
    }

    public JobGraph plan(PipelineModel model) {
        Flow flow = new Flow(model);
        Map<Stage, List<Edge>> edgesInto = new LinkedHashMap<>();
        for (Stage to : model.stages()) {
            if (to.kind() == StageKind.KEY_BY || to.kind() == StageKind.SOURCE) {
                continue;
            }
            List<Edge> edges = new ArrayList<>();
            for (Stage input : flow.inputs(to)) {
                if (input.kind() == StageKind.KEY_BY) {
                    for (Stage from : flow.inputs(input)) {
                        edges.add(new Edge(from, input, to, ExchangeKind.HASH));
                    }
                } else {
                    edges.add(new Edge(input, null, to, kind(model, input, to)));
                }
            }
            edgesInto.put(to, edges);
        }

        // Chains: heads are sources and every stage not fused into its single upstream.
        Map<Stage, Chain> chainOf = new HashMap<>();
        List<Chain> chains = new ArrayList<>();
        for (Stage stage : model.stages()) {
            if (stage.kind() != StageKind.KEY_BY) {
                chainOf(stage, model, edgesInto, chainOf, chains);
            }
        }
        chains.sort((a, b) -> Integer.compare(a.head().index(), b.head().index()));
        for (Stage stage : model.stages()) {
            if (stage.kind() == StageKind.KEY_BY) {
                for (Stage from : flow.inputs(stage)) {
                    Chain chain = chainOf.get(from);
                    if (!chain.members.contains(stage)) {
                        chain.members.add(stage);
                    }
                }
            }
        }
        for (Chain chain : chains) {
            chain.members.sort((a, b) -> a == chain.head() ? -1 : b == chain.head() ? 1
                    : Integer.compare(a.index(), b.index()));
        }

        // Exchanges, one per (upstream chain, feeding stage, downstream stage), and each stage's targets.
        Map<String, Exchange> exchanges = new LinkedHashMap<>();
        Map<Chain, Map<Stage, List<Target>>> targets = new HashMap<>();
        for (Chain chain : chains) {
            Map<Stage, List<Target>> chainTargets = new LinkedHashMap<>();
            for (Stage member : chain.members()) {
                List<Target> out = new ArrayList<>();
                for (Stage reader : flow.readers(member)) {
                    if (member.kind() == StageKind.KEY_BY) {
                        out.add(new Target.Route(exchange(exchanges, chain, member, reader, ExchangeKind.HASH, flow)));
                    } else if (reader.kind() == StageKind.KEY_BY) {
                        out.add(new Target.Call(reader));
                    } else if (isFused(edgesInto.get(reader))) {
                        out.add(new Target.Call(reader));
                    } else {
                        out.add(new Target.Route(exchange(exchanges, chain, member, reader,
                                edgeFrom(edgesInto.get(reader), member).kind(), flow)));
                    }
                }
                chainTargets.put(member, out);
            }
            targets.put(chain, chainTargets);
        }
        for (Exchange exchange : exchanges.values()) {
            exchange.from().outputs.add(exchange);
            chainOf.get(exchange.to()).inputs.add(exchange);
        }
        return new JobGraph(model, flow, chains, new ArrayList<>(exchanges.values()), targets);
    }

    private static ExchangeKind kind(PipelineModel model, Stage from, Stage to) {
        if (to.hint() == ExchangeHint.BROADCAST) {
            return ExchangeKind.BROADCAST;
        }
        if (to.hint() == ExchangeHint.REBALANCE || model.parallelismOf(from) != model.parallelismOf(to)) {
            return ExchangeKind.REBALANCE;
        }
        return null; // forward
    }

    private static boolean isFused(List<Edge> edges) {
        return edges.size() == 1 && edges.get(0).isForward();
    }

    private static Edge edgeFrom(List<Edge> edges, Stage from) {
        for (Edge e : edges) {
            if (e.from() == from && e.keyBy() == null) {
                return e.isForward() ? new Edge(from, null, e.to(), ExchangeKind.POINTWISE) : e;
            }
        }
        throw new IllegalStateException("no edge from " + from.name());
    }

    private static Chain chainOf(Stage stage, PipelineModel model, Map<Stage, List<Edge>> edgesInto,
            Map<Stage, Chain> chainOf, List<Chain> chains) {
        Chain chain = chainOf.get(stage);
        if (chain != null) {
            return chain;
        }
        List<Edge> edges = edgesInto.getOrDefault(stage, List.of());
        if (stage.kind() != StageKind.SOURCE && isFused(edges)) {
            chain = chainOf(edges.get(0).from(), model, edgesInto, chainOf, chains);
        } else {
            chain = new Chain(stage, model.parallelismOf(stage));
            chains.add(chain);
        }
        chain.members.add(stage);
        chainOf.put(stage, chain);
        return chain;
    }

    private static Exchange exchange(Map<String, Exchange> exchanges, Chain chain, Stage via, Stage to,
            ExchangeKind kind, Flow flow) {
        String base = via.name() + "To" + Names.upper(to.name());
        String id = chain.className() + "/" + base;
        return exchanges.computeIfAbsent(id, k -> {
            boolean taken = exchanges.values().stream().anyMatch(e -> e.name().equals(base));
            String name = taken ? base + "From" + Names.upper(chain.head().name()) : base;
            return new Exchange(name, kind, chain, via, to, flow.output(via),
                    to.kind().isKeyed() ? flow.keyType(to) : null, flow.inputTimestamped(to));
        });
    }
}
