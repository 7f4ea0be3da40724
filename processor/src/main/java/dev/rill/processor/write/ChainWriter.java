package dev.rill.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rill.processor.model.ElementType;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.Parameter;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.WindowSpec;
import dev.rill.processor.plan.Chain;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Names;
import dev.rill.processor.plan.RecordCrossing;
import dev.rill.processor.plan.Target;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes one chain as a nested class: a method {@code onStage(...)} per fused stage that calls
 * the user's method and then, directly, the next stage's method or an exchange's partitioner.
 * One instance runs per subtask, so counters and keyed state are plain fields.
 */
final class ChainWriter {
    private final JobGraph graph;
    private final ClassName pipeline;
    private final PreAggregationWriter preAggregation;

    ChainWriter(JobGraph graph) {
        this.graph = graph;
        this.pipeline = graph.model().type();
        this.preAggregation = new PreAggregationWriter(this, graph);
    }

    TypeSpec write(Chain chain) {
        Stage head = chain.head();
        boolean isSource = head.kind() == StageKind.SOURCE;
        TypeSpec.Builder type = TypeSpec.classBuilder(chain.className())
                .addModifiers(Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Runs $L as one fused loop body; one instance per subtask, parallelism $L.\n",
                        String.join(", ", chain.members().stream().map(Stage::name).toList()), chain.parallelism())
                .addField(pipeline, "pipeline", Modifier.PRIVATE, Modifier.FINAL);
        if (isSource) {
            TypeName emitted = graph.output(head).single().name();
            type.superclass(RuntimeTypes.SOURCE_SUBTASK)
                    .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.EMITTER, emitted));
        } else {
            type.superclass(RuntimeTypes.EXCHANGE_SUBTASK);
        }
        for (Exchange out : chain.outputs()) {
            type.addField(ClassName.bestGuess(ExchangeWriter.className(out)), out.name(), Modifier.PRIVATE, Modifier.FINAL);
        }
        if (isTimestamped(chain)) {
            type.addField(FieldSpec.builder(TypeName.LONG, "timestamp", Modifier.PRIVATE)
                    .addJavadoc("The event time of the element being processed; the fused stages run one element at a time.\n")
                    .initializer("Long.MIN_VALUE").build());
        }
        type.addMethod(constructor(chain));
        boolean eventTime = chain.members().stream().anyMatch(s -> s.kind() == StageKind.EVENT_TIME);
        List<Exchange> combiners = chain.outputs().stream().filter(Exchange::preAggregates).toList();
        for (Exchange out : combiners) {
            preAggregation.addCombiner(type, out, eventTime ? eventTimeWatermark(chain) : CodeBlock.of("inputWatermark()"),
                    eventTime);
        }
        if (isSource) {
            type.addField(TypeName.LONG, head.name() + "Out", Modifier.PRIVATE);
            type.addMethod(sourceExecute(head, combiners));
            type.addMethod(MethodSpec.methodBuilder("emit").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addParameter(graph.output(head).single().name(), "element")
                    .addStatement("$LOut++", head.name())
                    .addCode(dispatch(chain, head, "element"))
                    .build());
        } else {
            if (!preAggregated(chain)) {
                type.addField(TypeName.LONG, head.name() + "In", Modifier.PRIVATE);
            }
            type.addMethod(consume(chain));
            RecordCrossing flattened = flattenedInput(chain);
            if (flattened != null) {
                type.addMethod(AsShipped.method(flattened));
            }
        }
        for (Stage stage : chain.members()) {
            if (stage.kind() != StageKind.SOURCE) {
                addStage(type, chain, stage);
            }
        }
        if (eventTime || !combiners.isEmpty()) {
            type.addMethod(currentWatermark(chain, eventTime, combiners));
        }
        // an exchange chain's combiners flush as its input watermark moves, unless it makes its own
        List<Exchange> flushedByInput = isSource || eventTime ? List.of() : combiners;
        if (head.isWindowed() || !flushedByInput.isEmpty()) {
            MethodSpec.Builder onWatermark = MethodSpec.methodBuilder("onWatermark").addAnnotation(Override.class)
                    .addModifiers(Modifier.PROTECTED)
                    .addParameter(TypeName.LONG, "watermark");
            if (head.isWindowed()) {
                onWatermark.addStatement("fire$L(watermark)", Names.upper(head.name()));
            }
            for (Exchange out : flushedByInput) {
                onWatermark.addStatement("$L(watermark)", PreAggregationWriter.flush(out));
            }
            type.addMethod(onWatermark.build());
        }
        if (!isSource && eventTime && !combiners.isEmpty()) {
            MethodSpec.Builder end = MethodSpec.methodBuilder("endOfInput").addAnnotation(Override.class)
                    .addModifiers(Modifier.PROTECTED)
                    .addComment("every input ended: the partials still held go before the outputs close");
            for (Exchange out : combiners) {
                end.addStatement("$L(Long.MAX_VALUE)", PreAggregationWriter.flush(out));
            }
            type.addMethod(end.build());
        }
        type.addMethod(reportMetrics(chain));
        return type.build();
    }

    private MethodSpec constructor(Chain chain) {
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder()
                .addParameter(RuntimeTypes.JOB, "job")
                .addParameter(pipeline, "pipeline")
                .addParameter(TypeName.INT, "index");
        for (Exchange in : chain.inputs()) {
            ctor.addParameter(ExchangeWriter.CHANNELS, in.name());
        }
        for (Exchange out : chain.outputs()) {
            ctor.addParameter(ExchangeWriter.CHANNELS, out.name());
        }
        ctor.addStatement("super(job, $S, index, $L)", chain.head().name(), chain.parallelism())
                .addStatement("this.pipeline = pipeline");
        for (Exchange in : chain.inputs()) {
            ctor.addStatement("inputs($L)", in.name());
        }
        for (Exchange out : chain.outputs()) {
            ctor.addStatement("outputs($L)", out.name())
                    .addStatement("this.$L = $L", out.name(), ExchangeWriter.create(out, out.name()));
        }
        return ctor.build();
    }

    private MethodSpec sourceExecute(Stage source, List<Exchange> combiners) {
        String args = source.parameters().size() == 2 ? "this, this" : "this";
        MethodSpec.Builder execute = MethodSpec.methodBuilder("execute").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .beginControlFlow("try")
                .addStatement("$L", call(source, args))
                .nextControlFlow("catch ($T t)", Throwable.class)
                .addStatement("throw failure($S, t)", source.name())
                .endControlFlow();
        if (!combiners.isEmpty()) {
            execute.beginControlFlow("if (!isCancelled())")
                    .addComment("the end of input is the final watermark: the partials still held go before the outputs close");
            for (Exchange out : combiners) {
                execute.addStatement("$L(Long.MAX_VALUE)", PreAggregationWriter.flush(out));
            }
            execute.endControlFlow();
        }
        return execute.build();
    }

    /** Whether the chain's head merges partials that its upstream subtasks pre-aggregated. */
    private static boolean preAggregated(Chain chain) {
        return !chain.inputs().isEmpty() && chain.inputs().get(0).preAggregates();
    }

    private MethodSpec consume(Chain chain) {
        Stage head = chain.head();
        RowLayout layout = ExchangeWriter.layout(chain.inputs().get(0), graph);
        MethodSpec.Builder consume = MethodSpec.methodBuilder("consume").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(RuntimeTypes.BATCH, "batch")
                .addStatement("int size = batch.size");
        if (!preAggregated(chain)) {
            consume.addStatement("$LIn += size", head.name());
        }
        if (layout.refWidth() > 0) {
            consume.addStatement("Object[] refs = batch.refs");
        }
        if (layout.longWidth() > 0) {
            consume.addStatement("long[] longs = batch.longs");
        }
        if (layout.marksNullRecords()) {
            consume.addStatement("boolean[] nullRecords = batch.nullRecords()");
        }
        consume.beginControlFlow("for (int row = 0; row < size; row++)");
        if (layout.flattens()) {
            // the head reads its own row, so the record it rebuilds is scalar-replaced in the
            // head's compiled code even when the JIT does not inline the head into this loop
            consume.addStatement("on$L($L)", Names.upper(head.name()), rowArguments(layout));
        } else {
            Exchange input = chain.inputs().get(0);
            consume.addCode(readRow(chain, layout, input))
                    .addStatement("on$L($L)", Names.upper(head.name()), Var.names(rowVars(layout, input)));
        }
        return consume.endControlFlow().build();
    }

    /**
     * Declarations of the row's variables read from {@code refs}/{@code longs} at {@code row}; the
     * timestamp goes to its field. A key the exchange left out of its rows is taken again from
     * the element with the same {@code @KeyBy}.
     */
    private CodeBlock readRow(Chain chain, RowLayout layout, Exchange input) {
        CodeBlock.Builder code = CodeBlock.builder();
        List<CodeBlock> reads = layout.read("row");
        for (int i = 0; i < layout.vars().size(); i++) {
            Var v = layout.vars().get(i);
            if (v.equals(Var.TIMESTAMP)) {
                code.addStatement("timestamp = $L", reads.get(i));
            } else {
                code.addStatement("$T $L = $L", v.type(), v.name(), reads.get(i));
            }
        }
        if (input.rekeysDownstream()) {
            Stage keyBy = input.via();
            code.addStatement("$T key", input.key().name())
                    .add(guarded(keyBy, CodeBlock.of("key = $L", call(keyBy, "element")),
                            failureElement(chain, keyBy, CodeBlock.of("element"))));
        }
        return code.build();
    }

    /** What the head stage takes: the row's variables but the timestamp, which travels in a field, and the key first. */
    private static List<Var> rowVars(RowLayout layout, Exchange input) {
        List<Var> vars = new ArrayList<>(layout.vars());
        vars.remove(Var.TIMESTAMP);
        if (input.rekeysDownstream()) {
            vars.add(0, Var.key(input.key()));
        }
        return vars;
    }

    private static String rowArguments(RowLayout layout) {
        List<String> args = new ArrayList<>();
        if (layout.refWidth() > 0) {
            args.add("refs");
        }
        if (layout.longWidth() > 0) {
            args.add("longs");
        }
        if (layout.marksNullRecords()) {
            args.add("nullRecords");
        }
        args.add("row");
        return String.join(", ", args);
    }

    private static List<ParameterSpec> rowParameters(RowLayout layout) {
        List<ParameterSpec> params = new ArrayList<>();
        if (layout.refWidth() > 0) {
            params.add(ParameterSpec.builder(Object[].class, "refs").build());
        }
        if (layout.longWidth() > 0) {
            params.add(ParameterSpec.builder(long[].class, "longs").build());
        }
        if (layout.marksNullRecords()) {
            params.add(ParameterSpec.builder(boolean[].class, "nullRecords").build());
        }
        params.add(ParameterSpec.builder(int.class, "row").build());
        return params;
    }

    // --- one method per stage ---

    private void addStage(TypeSpec.Builder type, Chain chain, Stage stage) {
        ElementType input = graph.input(stage);
        boolean keyed = stage.kind().isKeyed();
        List<Var> params = new ArrayList<>();
        if (keyed) {
            params.add(Var.key(graph.flow().keyType(stage)));
        }
        List<Var> element = Var.element(input, keyed || stage.kind() == StageKind.KEY_BY);
        params.addAll(element);
        MethodSpec.Builder method = MethodSpec.methodBuilder("on" + Names.upper(stage.name()))
                .addModifiers(Modifier.PRIVATE);
        if (stage == chain.head() && preAggregated(chain)) {
            addWindowState(type, chain, stage);
            preAggregation.addMerge(stage, chain.inputs().get(0), method);
            type.addMethod(method.build());
            return;
        }
        RowLayout row = stage == chain.head() && !chain.inputs().isEmpty()
                ? ExchangeWriter.layout(chain.inputs().get(0), graph) : null;
        if (row != null && row.flattens()) {
            method.addJavadoc("Runs $L on row {@code row} of the current batch.\n", stage.name())
                    .addParameters(rowParameters(row))
                    .addCode(readRow(chain, row, chain.inputs().get(0)));
        } else {
            method.addParameters(Var.parameters(params));
        }
        String elementNames = Var.names(element);
        CodeBlock args = elementArgs(stage, input, element);
        CodeBlock failed = failureElement(chain, stage, elementObject(input, element));
        switch (stage.kind()) {
            case FILTER -> {
                type.addField(TypeName.LONG, stage.name() + "Dropped", Modifier.PRIVATE);
                method.addStatement("boolean keep")
                        .addCode(guarded(stage, CodeBlock.of("keep = $L", call(stage, args)), failed))
                        .beginControlFlow("if (!keep)")
                        .addStatement("$LDropped++", stage.name())
                        .addStatement("return")
                        .endControlFlow()
                        .addCode(dispatch(chain, stage, elementNames));
            }
            case TRANSFORM -> method.addStatement("$T result", stage.returnType().name())
                    .addCode(guarded(stage, CodeBlock.of("result = $L", call(stage, args)), failed))
                    .addCode(dispatch(chain, stage, "result"));
            case FLAT_MAP -> {
                addFlatMapEmitter(type, chain, stage);
                CodeBlock withEmitter = CodeBlock.of("$L, $LEmitter", args, stage.name());
                method.addCode(guarded(stage, call(stage, withEmitter), failed));
            }
            case KEY_BY -> {
                TypeName key = stage.returnType().name();
                method.addStatement("$T key", key)
                        .addCode(guarded(stage, CodeBlock.of("key = $L", call(stage, args)), failed));
                if (!key.isPrimitive()) {
                    method.beginControlFlow("if (key == null)")
                            .addStatement("throw failure($S, $L, new $T($S))", stage.name(), failed,
                                    NullPointerException.class, "@KeyBy " + stage.name() + " returned a null key")
                            .endControlFlow();
                }
                method.addCode(dispatch(chain, stage, "key, " + elementNames));
            }
            case EVENT_TIME -> {
                type.addField(FieldSpec.builder(TypeName.LONG, stage.name() + "MaxTimestamp", Modifier.PRIVATE)
                        .initializer("Long.MIN_VALUE").build());
                method.addStatement("long time")
                        .addCode(guarded(stage, CodeBlock.of("time = $L", call(stage, args)), failed))
                        .addStatement("timestamp = time")
                        .beginControlFlow("if (time > $LMaxTimestamp)", stage.name())
                        .addStatement("$LMaxTimestamp = time", stage.name())
                        .endControlFlow()
                        .addCode(dispatch(chain, stage, elementNames));
            }
            case AGGREGATE, REDUCE -> {
                if (stage.isWindowed()) {
                    windowed(type, chain, stage, method, args, element, failed);
                } else if (stage.kind() == StageKind.AGGREGATE) {
                    aggregate(type, chain, stage, method, args, failed);
                } else {
                    reduce(type, chain, stage, method, element.get(0), failed);
                }
            }
            case SINK -> method.addCode(guarded(stage, call(stage, args), failed));
            case SOURCE -> throw new AssertionError("sources are the chain's emit()");
        }
        type.addMethod(method.build());
    }

    /** A running fold: keyed state in a field, {@code (key, acc)} emitted after every element. */
    private void aggregate(TypeSpec.Builder type, Chain chain, Stage stage, MethodSpec.Builder method,
            CodeBlock args, CodeBlock failed) {
        String state = stage.name() + "State";
        type.addField(FieldSpec.builder(stateType(stage), state, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T$L()", stateClass(stage), diamond(stage)).build());
        method.addCode(fold(chain, stage, state, args, failed, null)).addCode(dispatch(chain, stage, "key, acc"));
    }

    private void reduce(TypeSpec.Builder type, Chain chain, Stage stage, MethodSpec.Builder method, Var element,
            CodeBlock failed) {
        String state = stage.name() + "State";
        type.addField(FieldSpec.builder(stateType(stage), state, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T$L()", stateClass(stage), diamond(stage)).build());
        method.addCode(fold(chain, stage, state, null, failed, element)).addCode(dispatch(chain, stage, "key, acc"));
    }

    /**
     * Folds the element into {@code table}'s entry for {@code key}, leaving the new value in
     * {@code acc}: an aggregate calls the user's method from the key's current value (or its
     * zero, or {@code initial()}); a reduce takes a key's first element as its value.
     *
     * @param chain the chain the code is written into (a combiner folds for a stage of another chain)
     */
    CodeBlock fold(Chain chain, Stage stage, String table, CodeBlock args, CodeBlock failed, Var element) {
        TypeName acc = stage.returnType().name();
        CodeBlock key = stateKey(stage);
        CodeBlock current = stateValue(acc, table);
        CodeBlock.Builder code = CodeBlock.builder().addStatement("int slot = $L.indexOf($L)", table, key);
        if (stage.kind() == StageKind.REDUCE) {
            return code.addStatement("$T acc", acc)
                    .beginControlFlow("if (slot < 0)")
                    .add("// the first element of a key is its initial value\n")
                    .addStatement("acc = $L", element.name())
                    .add(ownKeyCheck(chain, stage, failed))
                    .addStatement("$L.insert($L, $L)", table, key, stateEncode(acc, "acc"))
                    .nextControlFlow("else")
                    .add(guarded(stage, CodeBlock.of("acc = $L",
                            call(stage, CodeBlock.of("$L, $L", current, element.name()))), failed))
                    .addStatement("$L.set(slot, $L)", table, stateEncode(acc, "acc"))
                    .endControlFlow()
                    .build();
        }
        if (stage.initial().isEmpty()) {
            code.addStatement("$T acc = slot >= 0 ? $L : $L", acc, current, Codec.zero(acc));
        } else {
            code.addStatement("$T acc", acc)
                    .beginControlFlow("if (slot >= 0)")
                    .addStatement("acc = $L", current)
                    .nextControlFlow("else")
                    .add(guarded(stage, CodeBlock.of("acc = $L", initialCall(stage)), failed))
                    .endControlFlow();
        }
        return code.add(guarded(stage, CodeBlock.of("acc = $L", call(stage, CodeBlock.of("acc, $L", args))), failed))
                .beginControlFlow("if (slot >= 0)")
                .addStatement("$L.set(slot, $L)", table, stateEncode(acc, "acc"))
                .nextControlFlow("else")
                .add(ownKeyCheck(chain, stage, failed))
                .addStatement("$L.insert($L, $L)", table, key, stateEncode(acc, "acc"))
                .endControlFlow()
                .build();
    }

    /** Declares {@code acc} at a new key's starting value: the accumulator's zero, or {@code initial()}. */
    CodeBlock startAccumulator(Stage stage, CodeBlock failed) {
        TypeName acc = stage.returnType().name();
        if (stage.initial().isEmpty()) {
            return CodeBlock.builder().addStatement("$T acc = $L", acc, Codec.zero(acc)).build();
        }
        return CodeBlock.builder().addStatement("$T acc", acc)
                .add(guarded(stage, CodeBlock.of("acc = $L", initialCall(stage)), failed)).build();
    }

    /**
     * For a keyed stage heading {@code chain} whose exchange does not ship keys
     * ({@link Exchange#rekeysDownstream}): a new key must belong to this subtask, or the
     * {@code @KeyBy} is not deterministic.
     */
    private CodeBlock ownKeyCheck(Chain chain, Stage stage, CodeBlock failed) {
        if (stage != chain.head() || chain.inputs().isEmpty() || !chain.inputs().get(0).rekeysDownstream()) {
            return CodeBlock.of("");
        }
        Exchange input = chain.inputs().get(0);
        CodeBlock hash = Codec.hash(input.key().name(), "key");
        return CodeBlock.builder()
                .beginControlFlow("if (!ownsKey($L, MAX_PARALLELISM))", hash)
                .addStatement("throw foreignKey(key, $L, MAX_PARALLELISM, $S, $L)", hash, input.via().name(), failed)
                .endControlFlow()
                .build();
    }

    /**
     * A fold per key and tumbling or sliding window: state per window in a {@code WindowSet},
     * nothing emitted until the watermark fires the window. Windows start at multiples of the
     * slide from epoch 0, as Flink's do.
     */
    private void windowed(TypeSpec.Builder type, Chain chain, Stage stage, MethodSpec.Builder method,
            CodeBlock args, List<Var> element, CodeBlock failed) {
        WindowSpec window = stage.window();
        if (window.isSession()) {
            sessions(type, chain, stage, method, element, failed);
            return;
        }
        String name = stage.name();
        TypeName table = stateType(stage);
        addWindowState(type, chain, stage);
        long size = window.size();
        long step = window.step();
        method.addJavadoc("$L: folds the element into each of its windows that has not fired yet.\n", window.describe())
                .addStatement("long watermark = inputWatermark()")
                .addStatement("boolean assigned = false")
                .beginControlFlow("for (long start = timestamp - Math.floorMod(timestamp, $LL); start > timestamp - $LL; start -= $LL)",
                        step, size, step)
                .addStatement("long end = start + $LL", size)
                .beginControlFlow("if (end - 1 <= watermark)")
                .addComment("this window fired already")
                .addStatement("continue")
                .endControlFlow()
                .addStatement("$T table = $LWindows.get(start)", table, name)
                .beginControlFlow("if (table == null)")
                .addStatement("table = $LWindows.open(start, end, $T::new)", name, stateClass(stage))
                .endControlFlow()
                // folded here, not in a method of its own: a record rebuilt from an exchange row
                // is scalar-replaced only where its every use is compiled in one piece
                .addCode(fold(chain, stage, "table", args, failed, element.get(0)))
                .addStatement("assigned = true")
                .endControlFlow()
                .beginControlFlow("if (!assigned)")
                .addComment("every window of the element has fired: it is late, dropped and counted")
                .addStatement("$LLate++", name)
                .endControlFlow();
    }

    /**
     * A tumbling or sliding windowed stage's state (a keyed table per open window), its late and
     * fired counts, and {@code fireCount(watermark)}.
     */
    private void addWindowState(TypeSpec.Builder type, Chain chain, Stage stage) {
        String name = stage.name();
        TypeName table = stateType(stage);
        TypeName windows = ParameterizedTypeName.get(RuntimeTypes.WINDOW_SET, table);
        type.addField(FieldSpec.builder(windows, name + "Windows", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T<>()", RuntimeTypes.WINDOW_SET).build());
        type.addField(TypeName.LONG, name + "Late", Modifier.PRIVATE);
        type.addField(TypeName.LONG, name + "Fired", Modifier.PRIVATE);
        TypeName key = graph.flow().keyType(stage).name();
        TypeName acc = stage.returnType().name();
        CodeBlock keyRead = key.isPrimitive()
                ? Codec.decodeKey(key, CodeBlock.of("table.key(slot)")) : CodeBlock.of("table.key(slot)");
        type.addMethod(MethodSpec.methodBuilder("fire" + Names.upper(name)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Emits (key, value, window) for every window the watermark closed, earliest first, and recycles its table for a later window.\n")
                .addParameter(TypeName.LONG, "watermark")
                .beginControlFlow("while ($LWindows.size() > 0 && $LWindows.end(0) - 1 <= watermark)", name, name)
                .addStatement("$T window = new $T($LWindows.start(0), $LWindows.end(0))",
                        RuntimeTypes.TIME_WINDOW, RuntimeTypes.TIME_WINDOW, name, name)
                .addStatement("$T table = $LWindows.removeFirst()", table, name)
                .addStatement("timestamp = window.maxTimestamp()")
                .beginControlFlow("for (int slot = 0; slot < table.slots(); slot++)")
                .beginControlFlow("if (table.occupied(slot))")
                .addStatement("$T key = $L", key, keyRead)
                .addStatement("$T acc = $L", acc, stateValue(acc, "table"))
                .addStatement("$LFired++", name)
                .addCode(dispatch(chain, stage, "key, acc, window"))
                .endControlFlow()
                .endControlFlow()
                .addStatement("$LWindows.recycle(table)", name)
                .endControlFlow()
                .build());
    }

    /**
     * A fold per key and session window: each key's open sessions keep their elements (merging
     * when an element bridges two), and the fold runs when the watermark passes a session's end.
     */
    private void sessions(TypeSpec.Builder type, Chain chain, Stage stage, MethodSpec.Builder method,
            List<Var> element, CodeBlock failed) {
        String name = stage.name();
        TypeName key = graph.flow().keyType(stage).name();
        TypeName acc = stage.returnType().name();
        TypeName elementType = element.get(0).type();
        ClassName sessions = ClassName.get(RuntimeTypes.RUNTIME + ".window", "Sessions");
        TypeName table = key.isPrimitive()
                ? ParameterizedTypeName.get(ClassName.get(RuntimeTypes.STATE, "LongKeyRefState"), sessions)
                : ParameterizedTypeName.get(ClassName.get(RuntimeTypes.STATE, "RefKeyRefState"), key, sessions);
        String field = name + "Sessions";
        type.addField(FieldSpec.builder(table, field, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T<>()", key.isPrimitive() ? ClassName.get(RuntimeTypes.STATE, "LongKeyRefState")
                        : ClassName.get(RuntimeTypes.STATE, "RefKeyRefState")).build());
        type.addField(FieldSpec.builder(TypeName.LONG, name + "EarliestEnd", Modifier.PRIVATE)
                .addJavadoc("No session ends before this: a watermark below it fires nothing, so no scan.\n")
                .initializer("Long.MAX_VALUE").build());
        type.addField(TypeName.LONG, name + "Late", Modifier.PRIVATE);
        type.addField(TypeName.LONG, name + "Fired", Modifier.PRIVATE);
        CodeBlock stateKey = stateKey(stage);
        method.addJavadoc("$L: adds the element to its key's session, merging the sessions it bridges.\n",
                        stage.window().describe())
                .addStatement("int slot = $L.indexOf($L)", field, stateKey)
                .addStatement("$T sessions", sessions)
                .beginControlFlow("if (slot >= 0)")
                .addStatement("sessions = $L.value(slot)", field)
                .nextControlFlow("else")
                .addStatement("sessions = new $T()", sessions)
                .addStatement("$L.insert($L, sessions)", field, stateKey)
                .endControlFlow()
                .addStatement("long end = sessions.add(timestamp, $LL, $L, inputWatermark())", stage.window().gap(),
                        element.get(0).name())
                .beginControlFlow("if (end == Long.MIN_VALUE)")
                .addComment("its session would have fired already: the element is late, dropped and counted")
                .addStatement("$LLate++", name)
                .addStatement("return")
                .endControlFlow()
                .beginControlFlow("if (end < $LEarliestEnd)", name)
                .addStatement("$LEarliestEnd = end", name)
                .endControlFlow();

        // the fold over one fired session's elements, in arrival order
        MethodSpec.Builder fold = MethodSpec.methodBuilder("fold" + Names.upper(name)).addModifiers(Modifier.PRIVATE)
                .returns(acc)
                .addParameter(ArrayTypeName.of(Object.class), "elements")
                .addParameter(TypeName.INT, "size");
        if (stage.kind() == StageKind.REDUCE) {
            fold.addStatement("$T acc = ($T) elements[0]", acc, elementType)
                    .beginControlFlow("for (int i = 1; i < size; i++)");
        } else {
            if (stage.initial().isEmpty()) {
                fold.addStatement("$T acc = $L", acc, Codec.zero(acc));
            } else {
                fold.addStatement("$T acc", acc).addCode(guarded(stage, CodeBlock.of("acc = $L", initialCall(stage)),
                        CodeBlock.of("null")));
            }
            fold.beginControlFlow("for (int i = 0; i < size; i++)");
        }
        fold.addStatement("$T element = ($T) elements[i]", elementType, elementType)
                .addCode(guarded(stage, CodeBlock.of("acc = $L", call(stage, CodeBlock.of("acc, element"))),
                        failureElement(chain, stage, CodeBlock.of("element"))))
                .endControlFlow()
                .addStatement("return acc");
        type.addMethod(fold.build());

        CodeBlock keyRead = key.isPrimitive()
                ? Codec.decodeKey(key, CodeBlock.of("$L.key(slot)", field)) : CodeBlock.of("$L.key(slot)", field);
        type.addMethod(MethodSpec.methodBuilder("fire" + Names.upper(name)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Emits (key, value, window) for every session the watermark closed and drops its elements.\n")
                .addParameter(TypeName.LONG, "watermark")
                .beginControlFlow("if ($LEarliestEnd - 1 > watermark)", name)
                .addStatement("return")
                .endControlFlow()
                .addStatement("long earliest = Long.MAX_VALUE")
                .beginControlFlow("for (int slot = 0; slot < $L.slots(); slot++)", field)
                .beginControlFlow("if (!$L.occupied(slot))", field)
                .addStatement("continue")
                .endControlFlow()
                .addStatement("$T sessions = $L.value(slot)", sessions, field)
                .beginControlFlow("for (int i = 0; i < sessions.count(); )")
                .beginControlFlow("if (sessions.end(i) - 1 > watermark)")
                .addStatement("earliest = Math.min(earliest, sessions.end(i))")
                .addStatement("i++")
                .addStatement("continue")
                .endControlFlow()
                .addStatement("$T window = new $T(sessions.start(i), sessions.end(i))",
                        RuntimeTypes.TIME_WINDOW, RuntimeTypes.TIME_WINDOW)
                .addStatement("$T acc = fold$L(sessions.elements(i), sessions.size(i))", acc, Names.upper(name))
                .addStatement("sessions.remove(i)")
                .addStatement("$T key = $L", key, keyRead)
                .addStatement("timestamp = window.maxTimestamp()")
                .addStatement("$LFired++", name)
                .addCode(dispatch(chain, stage, "key, acc, window"))
                .endControlFlow()
                .endControlFlow()
                .addStatement("$LEarliestEnd = earliest", name)
                .build());
    }

    private boolean isTimestamped(Chain chain) {
        return chain.members().stream()
                .anyMatch(s -> graph.flow().isTimestamped(s) || graph.flow().inputTimestamped(s));
    }

    /**
     * The chain's watermark: its own, from its {@code @EventTime} stages, or else its input's;
     * held back by its combiners while they hold partials (see {@link PreAggregationWriter}).
     */
    private MethodSpec currentWatermark(Chain chain, boolean eventTime, List<Exchange> combiners) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("currentWatermark").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.LONG);
        if (eventTime) {
            method.addJavadoc("Flink's bounded out-of-orderness: the largest timestamp seen, minus the allowed lateness, minus 1.\n");
        }
        if (combiners.isEmpty()) {
            return method.addStatement("return $L", eventTimeWatermark(chain)).build();
        }
        method.addJavadoc("Held below the earliest window whose pre-aggregated partials have not left yet.\n")
                .addStatement("long watermark = $L", eventTime ? eventTimeWatermark(chain) : CodeBlock.of("inputWatermark()"));
        for (Exchange out : combiners) {
            method.addStatement("watermark = $L", PreAggregationWriter.hold(out, CodeBlock.of("watermark")));
        }
        return method.addStatement("return watermark").build();
    }

    /** The watermark the chain's {@code @EventTime} stages generate (the earliest, if several). */
    private CodeBlock eventTimeWatermark(Chain chain) {
        List<CodeBlock> marks = new ArrayList<>();
        for (Stage stage : chain.members()) {
            if (stage.kind() == StageKind.EVENT_TIME) {
                marks.add(CodeBlock.of("$T.boundedOutOfOrderness($LMaxTimestamp, $LL)", RuntimeTypes.WATERMARKS,
                        stage.name(), stage.maxOutOfOrderness()));
            }
        }
        CodeBlock watermark = marks.get(0);
        for (CodeBlock other : marks.subList(1, marks.size())) {
            watermark = CodeBlock.of("Math.min($L, $L)", watermark, other);
        }
        return watermark;
    }

    TypeName stateType(Stage stage) {
        TypeName key = graph.flow().keyType(stage).name();
        TypeName acc = stage.returnType().name();
        List<TypeName> args = new ArrayList<>();
        if (!key.isPrimitive()) {
            args.add(key);
        }
        if (!acc.isPrimitive()) {
            args.add(acc);
        }
        ClassName raw = stateClass(stage);
        return args.isEmpty() ? raw : ParameterizedTypeName.get(raw, args.toArray(TypeName[]::new));
    }

    /** The keyed-state table class: primitive keys and values live in long arrays, never boxed. */
    ClassName stateClass(Stage stage) {
        TypeName key = graph.flow().keyType(stage).name();
        TypeName acc = stage.returnType().name();
        return ClassName.get(RuntimeTypes.STATE,
                (key.isPrimitive() ? "LongKey" : "RefKey") + (acc.isPrimitive() ? "LongState" : "RefState"));
    }

    String diamond(Stage stage) {
        return graph.flow().keyType(stage).isPrimitive() && stage.returnType().isPrimitive() ? "" : "<>";
    }

    CodeBlock stateKey(Stage stage) {
        TypeName key = graph.flow().keyType(stage).name();
        return key.isPrimitive() ? Codec.encode(key, CodeBlock.of("key"), true) : CodeBlock.of("key");
    }

    static CodeBlock stateValue(TypeName acc, String state) {
        CodeBlock value = CodeBlock.of("$L.value(slot)", state);
        return acc.isPrimitive() ? Codec.decode(acc, value) : value;
    }

    static CodeBlock stateEncode(TypeName acc, String var) {
        return acc.isPrimitive() ? Codec.encode(acc, CodeBlock.of("$L", var), false) : CodeBlock.of("$L", var);
    }

    private void addFlatMapEmitter(TypeSpec.Builder type, Chain chain, Stage stage) {
        TypeName emitted = Flow.emitted(stage).name();
        String className = Names.upper(stage.name()) + "Emitter";
        type.addField(TypeName.LONG, stage.name() + "Out", Modifier.PRIVATE);
        type.addType(TypeSpec.classBuilder(className).addModifiers(Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("Where $L emits: straight into the next stage.\n", stage.name())
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.EMITTER, emitted))
                .addMethod(MethodSpec.methodBuilder("emit").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .addParameter(emitted, "element")
                        .addStatement("$LOut++", stage.name())
                        .addCode(dispatch(chain, stage, "element"))
                        .build())
                .build());
        type.addField(FieldSpec.builder(ClassName.bestGuess(className), stage.name() + "Emitter",
                Modifier.PRIVATE, Modifier.FINAL).initializer("new $L()", className).build());
    }

    // --- calls ---

    /** Hands {@code args} (the stage's output) to every target of {@code stage} in this chain. */
    private CodeBlock dispatch(Chain chain, Stage stage, String args) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Target target : graph.targets(chain, stage)) {
            if (target instanceof Target.Call call) {
                code.addStatement("on$L($L)", Names.upper(call.stage().name()), args);
            } else {
                Exchange exchange = ((Target.Route) target).exchange();
                if (exchange.preAggregates()) {
                    code.add(preAggregation.call(exchange));
                } else {
                    code.addStatement("$L.route($L$L)", exchange.name(), args, exchange.timestamped() ? ", timestamp" : "");
                }
            }
        }
        return code.build();
    }

    /** The user's method called with {@code args}: on the instance, or on the class when static. */
    CodeBlock call(Stage stage, Object args) {
        return stage.isStatic()
                ? CodeBlock.of("$T.$L($L)", pipeline, stage.name(), args)
                : CodeBlock.of("pipeline.$L($L)", stage.name(), args);
    }

    /** The {@code merge} method of {@code stage}'s {@code @Aggregate} called with {@code args}. */
    CodeBlock mergeCall(Stage stage, CodeBlock args) {
        return helperCall(stage.merge(), 2, args);
    }

    private CodeBlock initialCall(Stage stage) {
        return helperCall(stage.initial(), 0, CodeBlock.of(""));
    }

    /** A method of the pipeline class that is not a stage ({@code initial}, {@code merge}): on the instance, or on the class when static. */
    private CodeBlock helperCall(String name, int parameters, CodeBlock args) {
        boolean isStatic = graph.model().methods().stream()
                .filter(m -> m.name().equals(name) && m.parameterCount() == parameters)
                .findFirst().map(m -> m.isStatic()).orElse(false);
        return isStatic ? CodeBlock.of("$T.$L($L)", pipeline, name, args) : CodeBlock.of("pipeline.$L($L)", name, args);
    }

    /** The record this chain's input rows carry as its components, or null. */
    private RecordCrossing flattenedInput(Chain chain) {
        return chain.inputs().isEmpty() ? null : graph.crossing(chain.inputs().get(0));
    }

    /**
     * The element for a failure message: where {@code stage} receives a record rebuilt from a
     * row, {@link AsShipped#argument}.
     */
    private CodeBlock failureElement(Chain chain, Stage stage, CodeBlock element) {
        RecordCrossing crossing = flattenedInput(chain);
        if (crossing == null || !crossing.receivers().contains(stage)) {
            return element;
        }
        return AsShipped.argument(crossing, element);
    }

    /** The element as the user's parameters take it: as is, as two arguments, or as one {@code Keyed}. */
    static CodeBlock elementArgs(Stage stage, ElementType input, List<Var> element) {
        if (input.isValue() || Flow.elementParameters(stage).size() > 1) {
            return CodeBlock.of("$L", Var.names(element));
        }
        return elementObject(input, element);
    }

    /** The element as an object for a failure message (built only when user code threw). */
    static CodeBlock elementObject(ElementType input, List<Var> element) {
        return switch (input.shape()) {
            case VALUE -> CodeBlock.of("$L", element.get(0).name());
            case PAIR -> CodeBlock.of("new $T<>($L)", RuntimeTypes.KEYED, Var.names(element));
            case WINDOWED -> CodeBlock.of("new $T<>($L)", RuntimeTypes.WINDOWED, Var.names(element));
        };
    }

    /** {@code statement}, with whatever the user's code throws turned into a failure naming the stage and element. */
    static CodeBlock guarded(Stage stage, CodeBlock statement, CodeBlock element) {
        return CodeBlock.builder()
                .beginControlFlow("try")
                .addStatement("$L", statement)
                .nextControlFlow("catch ($T t)", Throwable.class)
                .addStatement("throw failure($S, $L, t)", stage.name(), element)
                .endControlFlow()
                .build();
    }

    // --- metrics ---

    /**
     * Elements in and out per stage, from the few counters the hot path keeps: the source's
     * emits, a filter's drops (on the rare path), a flat map's emits, a head's received rows.
     */
    private MethodSpec reportMetrics(Chain chain) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("reportMetrics").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(RuntimeTypes.METRICS, "metrics");
        for (Stage stage : chain.members()) {
            String in;
            if (stage == chain.head()) {
                // a pre-aggregated stage's elements were counted where its upstream folded them
                in = stage.kind() == StageKind.SOURCE || preAggregated(chain) ? "0L" : "this." + stage.name() + "In";
            } else {
                in = String.join(" + ", graph.inputsInChain(chain, stage).stream().map(s -> s.name() + "Out").toList());
            }
            String out = switch (stage.kind()) {
                case SOURCE, FLAT_MAP -> "this." + stage.name() + "Out";
                case AGGREGATE, REDUCE -> stage.isWindowed() ? "this." + stage.name() + "Fired" : stage.name() + "In";
                case FILTER -> stage.name() + "In - this." + stage.name() + "Dropped";
                case SINK -> "0L";
                default -> stage.name() + "In";
            };
            method.addStatement("long $LIn = $L", stage.name(), in)
                    .addStatement("long $LOut = $L", stage.name(), out)
                    .addStatement("metrics.add($L, $LIn, $LOut)", stage.index(), stage.name(), stage.name());
            if (stage.isWindowed()) {
                method.addStatement("metrics.addLate(this.$LLate)", stage.name());
            }
        }
        for (Exchange out : chain.outputs()) {
            if (out.preAggregates()) {
                method.addComment("elements $L folded here, before $L", out.to().name(), out.name())
                        .addStatement("metrics.add($L, this.$L, 0L)", out.to().index(), PreAggregationWriter.folded(out));
            }
        }
        return method.build();
    }
}
