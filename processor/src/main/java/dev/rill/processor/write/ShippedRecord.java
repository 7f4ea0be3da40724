package dev.rill.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.Parameter;
import dev.rill.processor.model.ParameterUse;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.plan.Chain;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The components of a record that cross an exchange: only those that the stages after it
 * read. The consumer rebuilds the record with placeholders (zero, false, null) for the rest,
 * which is sound only when nothing could see them: every stage that receives the record as
 * it arrived (the chain's head, the {@code @KeyBy} run again downstream, and whatever a filter
 * or an {@code @EventTime} passes it on to) calls nothing on it but implicit accessors, no
 * override can replace those stages (see {@link dev.rill.processor.model.ParameterUse}), and
 * the record's canonical constructor is the implicit one, so the placeholders run no code of
 * the user's. A stage that keeps the record itself (a {@code @Reduce}), or passes it on into
 * another exchange, needs all of it.
 *
 * <p>Why: each component a row carries costs a store on the producer and a load on the
 * consumer, and a reference costs more under G1 (its write barrier). W3's rows went from the
 * key and the event's four components to the key and {@code value}: 54.4 -> 78.4 M events/s
 * beside the plain loop's 322 and 275 in one JMH sitting, 0.17x -> 0.28x (README, Performance).
 *
 * @param shape the record
 * @param shipped the components that cross, in declaration order: all of them unless they
 *     could be cut
 * @param receivers the stages of the consuming chain that receive the record as it arrived
 */
record ShippedRecord(RecordShape shape, List<RecordShape.Component> shipped, Set<Stage> receivers) {

    /** Whether some component stays upstream. */
    boolean isCut() {
        return shipped.size() < shape.components().size();
    }

    /**
     * The argument naming {@code element} in a failure message: {@code asShipped} of its
     * shipped components, so that the record itself is never an argument of a call the JIT may
     * not inline. A rarely taken branch that passes it (a new key's check) is compiled while its
     * profile is too young to prune, and then the record escapes and is allocated for every row
     * (W2: 32 B per event in about one run in three).
     */
    CodeBlock describe(CodeBlock element) {
        List<CodeBlock> components = shipped.stream().map(c -> CodeBlock.of("$L.$L()", element, c.accessor())).toList();
        return CodeBlock.of("$L == null ? $S : asShipped($L)", element, "null", CodeBlock.join(components, ", "));
    }

    /**
     * {@code asShipped(components)}, which {@link #describe} calls: the record as it crossed, for
     * failure messages. With every component shipped, the record rebuilt there (only when a
     * stage failed), so its own {@code toString()} speaks; with some left upstream, what
     * crossed, e.g.
     * {@code Event[value=5] (id, color, timestamp not shipped: no stage after the exchange reads them)},
     * where the rebuilt record would print placeholders as if they were values.
     */
    MethodSpec describer(TypeName type) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("asShipped").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(String.class)
                .addJavadoc("The element as it crossed the exchange, for failure messages, from its components.\n");
        for (RecordShape.Component c : shipped) {
            method.addParameter(c.type().name(), c.accessor());
        }
        if (!isCut()) {
            return method.addStatement("return $T.valueOf(new $T($L))", String.class, type,
                    String.join(", ", shipped.stream().map(RecordShape.Component::accessor).toList())).build();
        }
        String name = type instanceof ClassName c ? c.simpleName() : type.toString();
        CodeBlock.Builder text = CodeBlock.builder();
        String before = name + "[";
        for (RecordShape.Component c : shipped) {
            text.add("$S + $L + ", before + c.accessor() + "=", c.accessor());
            before = ", ";
        }
        List<String> left = shape.components().stream().filter(c -> !shipped.contains(c))
                .map(RecordShape.Component::accessor).toList();
        text.add("$S", (shipped.isEmpty() ? before : "") + "] (" + String.join(", ", left)
                + " not shipped: no stage after the exchange reads them)");
        return method.addStatement("return $L", text.build()).build();
    }

    /** What crosses {@code exchange} of {@code shape} (the record its rows carry flattened). */
    static ShippedRecord of(Exchange exchange, RecordShape shape, JobGraph graph) {
        Set<Stage> receivers = new LinkedHashSet<>();
        Chain consumer = graph.chains().stream().filter(c -> c.head() == exchange.to()).findFirst().orElseThrow();
        if (ExchangeWriter.rekeysDownstream(exchange)) {
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
        List<RecordShape.Component> shipped = new ArrayList<>();
        for (RecordShape.Component c : shape.components()) {
            if (whole || calls.contains(c.accessor())) {
                shipped.add(c);
            }
        }
        for (String call : calls) {
            if (shape.implicitAccessor(call) == null) { // toString(), an accessor the record declares, ...
                shipped = shape.components();
            }
        }
        return new ShippedRecord(shape, List.copyOf(shipped), Set.copyOf(receivers));
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
}
