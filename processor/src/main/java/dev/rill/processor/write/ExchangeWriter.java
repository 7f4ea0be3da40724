package dev.rill.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.ExchangeKind;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the partitioner of one exchange: picks the channel for each element (key group,
 * round-robin, all, or the same subtask) and appends the element as one row of that
 * channel's current batch.
 */
final class ExchangeWriter {
    static final ArrayTypeName CHANNELS = ArrayTypeName.of(RuntimeTypes.BATCH_CHANNEL);

    static String className(Exchange exchange) {
        return Names.upper(exchange.name());
    }

    /** The parameters of {@code route}: the routing key for hash exchanges, then the element. */
    static List<Var> routeParameters(Exchange exchange) {
        if (exchange.preAggregates()) {
            return partialRow(exchange);
        }
        List<Var> vars = new ArrayList<>();
        boolean hash = exchange.kind() == ExchangeKind.HASH;
        if (hash) {
            vars.add(Var.key(exchange.via().returnType()));
        }
        vars.addAll(Var.element(exchange.element(), hash));
        if (exchange.timestamped()) {
            vars.add(Var.TIMESTAMP);
        }
        return vars;
    }

    /**
     * What one row carries: the key (for a keyed stage downstream), then the element.
     *
     * <p>A single element of a record type in the model's records travels as its components
     * when it was made right before the exchange: by the stage feeding it (a source, transform
     * or flat map), only a {@code @KeyBy} and an {@code @EventTime} between, which read the
     * element and pass it on unchanged. Then the JIT can see the record die at the exchange and
     * not allocate it at all (W3: 40.75 -> 1.07 B/event; W4, through its {@code @EventTime}:
     * 41.3 -> 1.6 B/event in 38 of 48 JMH forks, at a ratio to the loop within the noise of
     * the old one, 0.48x / 0.49x against 0.57x / 0.44x). A record that passes
     * a filter or a transform first is usually allocated anyway (HotSpot inlines a call into the
     * loop that made the record only while the callee's compiled code stays under 2,500 bytes),
     * and then one reference per row is cheaper than its components: W2, whose events pass a
     * filter, ran at 17-26 M events/s with them against 29-32 with a reference (JMH, 3 forks
     * each). Keys and the values of pairs stay references: keyed state holds those objects anyway.
     *
     * <p>Every exchange into one chain has the same layout, as the chain reads all its inputs
     * with one loop: a union flattens only if each of its inputs made the record right before.
     * A flattened record ships only the components the stages after the exchange read
     * ({@link ShippedRecord}); which those are depends only on the consuming chain. Where that
     * is at most one component, the record crosses flattened wherever it was made: the row is
     * then no wider than a reference, and the record need not escape the producer's loop.
     */
    static RowLayout layout(Exchange exchange, JobGraph graph) {
        if (exchange.preAggregates()) {
            return new RowLayout(partialRow(exchange), Map.of());
        }
        List<Var> vars = new ArrayList<>();
        if (exchange.key() != null && !rekeysDownstream(exchange)) {
            vars.add(Var.key(exchange.key()));
        }
        List<Var> element = Var.element(exchange.element(), exchange.kind() == ExchangeKind.HASH);
        vars.addAll(element);
        if (exchange.timestamped()) {
            vars.add(Var.TIMESTAMP);
        }
        Map<Var, ShippedRecord> flattened = new HashMap<>();
        RecordShape shape = graph.model().records().get(element.get(0).type());
        if (exchange.element().isValue() && shape != null) {
            ShippedRecord shipped = ShippedRecord.of(exchange, shape, graph);
            if (shipped.shipped().size() <= 1
                    || graph.exchangesInto(exchange.to()).stream().allMatch(in -> madeRightBefore(in, graph))) {
                flattened.put(element.get(0), shipped);
            }
        }
        return new RowLayout(vars, flattened);
    }

    /**
     * The row of a pre-aggregating exchange: the key, one upstream subtask's accumulator for
     * it in one window, the window's start, and how many elements to count late if the
     * windowed stage finds the window fired already (see {@link PreAggregationWriter}).
     */
    static List<Var> partialRow(Exchange exchange) {
        return List.of(Var.key(exchange.key()), new Var("partial", exchange.to().returnType().name()),
                new Var("start", TypeName.LONG), new Var("lateWeight", TypeName.LONG));
    }

    /**
     * Whether the rows leave the key out: a reference key of a single element, which the
     * consumer takes again from the element with the same {@code @KeyBy}, as Flink's keyed
     * operators run the key selector again on their side. One reference store less per row on
     * the producer, usually the busier side; primitive keys still travel (a long slot is cheap).
     */
    static boolean rekeysDownstream(Exchange exchange) {
        return exchange.kind() == ExchangeKind.HASH && !exchange.preAggregates()
                && exchange.key() != null && !exchange.key().isPrimitive()
                && exchange.element().isValue() && exchange.via().kind() == StageKind.KEY_BY;
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

    TypeSpec write(Exchange exchange, JobGraph graph) {
        List<Var> params = routeParameters(exchange);
        RowLayout layout = layout(exchange, graph);
        TypeSpec.Builder type = TypeSpec.classBuilder(className(exchange))
                .addModifiers(Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The $L exchange from $L to $L.\n", exchange.kind().label(), exchange.via().name(),
                        exchange.to().name())
                .addField(CHANNELS, "channels", Modifier.PRIVATE, Modifier.FINAL);

        MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addParameter(CHANNELS, "channels")
                .addStatement("this.channels = channels");
        MethodSpec.Builder route = MethodSpec.methodBuilder("route").addParameters(Var.parameters(params));
        String rowArgs = Var.names(layout.vars());
        CodeBlock keyGroupTarget = CodeBlock.builder()
                .addStatement("int target = $T.subtask($L, MAX_PARALLELISM, channels.length)",
                        RuntimeTypes.KEY_GROUPS, Codec.hash(params.get(0).type(), "key"))
                .build();
        switch (exchange.kind()) {
            case HASH -> route.addComment("Flink's key groups: the same key always reaches the same subtask")
                    .addCode(keyGroupTarget)
                    .addStatement("write(channels[target], $L)", rowArgs);
            case REBALANCE -> {
                type.addField(TypeName.INT, "next", Modifier.PRIVATE);
                constructor.addParameter(TypeName.INT, "subtask")
                        .addComment("upstream subtasks start at different channels, so they do not all load the same one first")
                        .addStatement("this.next = subtask % channels.length");
                route.addStatement("int target = next")
                        .addStatement("next = target + 1 == channels.length ? 0 : target + 1")
                        .addStatement("write(channels[target], $L)", rowArgs);
            }
            case BROADCAST -> route.beginControlFlow("for ($T channel : channels)", RuntimeTypes.BATCH_CHANNEL)
                    .addStatement("write(channel, $L)", rowArgs)
                    .endControlFlow();
            case POINTWISE -> route.addStatement("write(channels[0], $L)", rowArgs);
        }
        if (exchange.preAggregates()) {
            type.addMethod(MethodSpec.methodBuilder("routeAfterWatermark").addParameters(Var.parameters(params))
                    .addJavadoc("Routes a row that must reach the consumer after the watermark this subtask has now.\n")
                    .addCode(keyGroupTarget)
                    .addStatement("channels[target].publishNow()")
                    .addStatement("write(channels[target], $L)", rowArgs)
                    .build());
        }
        MethodSpec.Builder write = MethodSpec.methodBuilder("write")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(RuntimeTypes.BATCH_CHANNEL, "channel")
                .addParameters(Var.parameters(layout.vars()))
                .addStatement("$T batch = channel.batch", RuntimeTypes.BATCH)
                .addStatement("int row = batch.size")
                .addCode(layout.write("batch", "row"))
                .addStatement("channel.commit()");
        return type.addMethod(constructor.build()).addMethod(route.build()).addMethod(write.build()).build();
    }

    /** {@code new ColorToCount(channels)} or, round-robin, {@code new X(channels, index)}. */
    static CodeBlock create(Exchange exchange, String channels) {
        if (exchange.kind() == ExchangeKind.REBALANCE) {
            return CodeBlock.of("new $L($L, index)", className(exchange), channels);
        }
        return CodeBlock.of("new $L($L)", className(exchange), channels);
    }
}
