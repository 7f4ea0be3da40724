package dev.rill.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.ExchangeKind;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.RecordCrossing;
import dev.rill.processor.plan.Names;
import java.util.ArrayList;
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
     * What one row carries: the key (for a keyed stage downstream, unless it is taken again
     * there), then the element, as the record components {@link JobGraph#crossing} names where
     * it names any, and the timestamp. Keys and the values of pairs stay references: keyed
     * state holds those objects anyway.
     */
    static RowLayout layout(Exchange exchange, JobGraph graph) {
        if (exchange.preAggregates()) {
            return new RowLayout(partialRow(exchange), Map.of());
        }
        List<Var> vars = new ArrayList<>();
        if (exchange.key() != null && !exchange.rekeysDownstream()) {
            vars.add(Var.key(exchange.key()));
        }
        List<Var> element = Var.element(exchange.element(), exchange.kind() == ExchangeKind.HASH);
        vars.addAll(element);
        if (exchange.timestamped()) {
            vars.add(Var.TIMESTAMP);
        }
        RecordCrossing crossing = graph.crossing(exchange);
        return new RowLayout(vars, crossing == null ? Map.of() : Map.of(element.get(0), crossing));
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
        CodeBlock keyGroupTarget = CodeBlock.of("");
        if (exchange.kind() == ExchangeKind.HASH) { // pre-aggregating exchanges too
            keyGroupTarget = pickByKeyGroup(params.get(0).type(), type, constructor);
        }
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

    /**
     * The statement that picks the channel of a key by Flink's key groups. An object key goes
     * through a {@code KeyGroupMemo} (a field of the exchange, one per producer subtask), which
     * remembers the subtask per hash code while few keys recur and gives itself up when they do
     * not. An integer key, usually an id, goes through a {@code SmallKeyGroups}, which looks up
     * the subtask of a small non-negative key; any other primitive key is hashed every time.
     */
    private static CodeBlock pickByKeyGroup(TypeName key, TypeSpec.Builder type, MethodSpec.Builder constructor) {
        if (Codec.isInteger(key)) {
            type.addField(RuntimeTypes.SMALL_KEY_GROUPS, "keyGroups", Modifier.PRIVATE, Modifier.FINAL);
            constructor.addStatement("this.keyGroups = new $T(MAX_PARALLELISM, channels.length)", RuntimeTypes.SMALL_KEY_GROUPS);
            return CodeBlock.builder().addStatement("int target = keyGroups.subtask(key, $L)", Codec.hash(key, "key")).build();
        }
        if (key.isPrimitive()) {
            return CodeBlock.builder()
                    .addStatement("int target = $T.subtask($L, MAX_PARALLELISM, channels.length)",
                            RuntimeTypes.KEY_GROUPS, Codec.hash(key, "key"))
                    .build();
        }
        type.addField(RuntimeTypes.KEY_GROUP_MEMO, "keyGroups", Modifier.PRIVATE, Modifier.FINAL);
        constructor.addStatement("this.keyGroups = new $T(MAX_PARALLELISM, channels.length)", RuntimeTypes.KEY_GROUP_MEMO);
        return CodeBlock.builder().addStatement("int target = keyGroups.subtask($L)", Codec.hash(key, "key")).build();
    }

    /** {@code new ColorToCount(channels)} or, round-robin, {@code new X(channels, index)}. */
    static CodeBlock create(Exchange exchange, String channels) {
        if (exchange.kind() == ExchangeKind.REBALANCE) {
            return CodeBlock.of("new $L($L, index)", className(exchange), channels);
        }
        return CodeBlock.of("new $L($L)", className(exchange), channels);
    }
}
