package dev.rill.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rill.processor.model.ElementType;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.Parameter;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.plan.Chain;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Names;
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

    ChainWriter(JobGraph graph) {
        this.graph = graph;
        this.pipeline = graph.model().type();
    }

    TypeSpec write(Chain chain) {
        Stage head = chain.head();
        boolean isSource = head.kind() == StageKind.SOURCE;
        TypeSpec.Builder type = TypeSpec.classBuilder(chain.className())
                .addModifiers(Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Stages $L fused into one loop body; one instance per subtask ($L).\n",
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
        type.addMethod(constructor(chain));
        if (isSource) {
            type.addField(TypeName.LONG, head.name() + "Out", Modifier.PRIVATE);
            type.addMethod(sourceExecute(head));
            type.addMethod(MethodSpec.methodBuilder("emit").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                    .addParameter(graph.output(head).single().name(), "element")
                    .addStatement("$LOut++", head.name())
                    .addCode(dispatch(chain, head, "element"))
                    .build());
        } else {
            type.addField(TypeName.LONG, head.name() + "In", Modifier.PRIVATE);
            type.addMethod(consume(chain));
        }
        for (Stage stage : chain.members()) {
            if (stage.kind() != StageKind.SOURCE) {
                addStage(type, chain, stage);
            }
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

    private MethodSpec sourceExecute(Stage source) {
        String args = source.parameters().size() == 2 ? "this, this" : "this";
        return MethodSpec.methodBuilder("execute").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
                .beginControlFlow("try")
                .addStatement("$L", call(source, args))
                .nextControlFlow("catch ($T t)", Throwable.class)
                .addStatement("throw failure($S, t)", source.name())
                .endControlFlow()
                .build();
    }

    private MethodSpec consume(Chain chain) {
        Stage head = chain.head();
        RowLayout layout = ExchangeWriter.layout(chain.inputs().get(0));
        MethodSpec.Builder consume = MethodSpec.methodBuilder("consume").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(RuntimeTypes.BATCH, "batch")
                .addStatement("int size = batch.size")
                .addStatement("$LIn += size", head.name());
        if (layout.refWidth() > 0) {
            consume.addStatement("Object[] refs = batch.refs");
        }
        if (layout.longWidth() > 0) {
            consume.addStatement("long[] longs = batch.longs");
        }
        return consume.beginControlFlow("for (int row = 0; row < size; row++)")
                .addStatement("on$L($L)", Names.upper(head.name()), CodeBlock.join(layout.read("row"), ", "))
                .endControlFlow()
                .build();
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
                .addModifiers(Modifier.PRIVATE)
                .addParameters(Var.parameters(params));
        String elementNames = Var.names(element);
        CodeBlock args = elementArgs(stage, input, element);
        CodeBlock failed = elementObject(input, element);
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
            case AGGREGATE -> aggregate(type, chain, stage, method, args, failed);
            case REDUCE -> reduce(type, chain, stage, method, element.get(0), failed);
            case SINK -> method.addCode(guarded(stage, call(stage, args), failed));
            case SOURCE -> throw new AssertionError("sources are the chain's emit()");
        }
        type.addMethod(method.build());
    }

    private void aggregate(TypeSpec.Builder type, Chain chain, Stage stage, MethodSpec.Builder method,
            CodeBlock args, CodeBlock failed) {
        TypeName acc = stage.returnType().name();
        String state = addState(type, stage, acc);
        CodeBlock key = stateKey(stage);
        method.addStatement("int slot = $L.indexOf($L)", state, key);
        CodeBlock current = stateValue(acc, state);
        if (stage.initial().isEmpty()) {
            method.addStatement("$T acc = slot >= 0 ? $L : $L", acc, current, Codec.zero(acc));
        } else {
            method.addStatement("$T acc", acc)
                    .beginControlFlow("if (slot >= 0)")
                    .addStatement("acc = $L", current)
                    .nextControlFlow("else")
                    .addCode(guarded(stage, CodeBlock.of("acc = $L", initialCall(stage)), failed))
                    .endControlFlow();
        }
        method.addCode(guarded(stage, CodeBlock.of("acc = $L", call(stage, CodeBlock.of("acc, $L", args))), failed))
                .beginControlFlow("if (slot >= 0)")
                .addStatement("$L.set(slot, $L)", state, stateEncode(acc, "acc"))
                .nextControlFlow("else")
                .addStatement("$L.insert($L, $L)", state, key, stateEncode(acc, "acc"))
                .endControlFlow()
                .addCode(dispatch(chain, stage, "key, acc"));
    }

    private void reduce(TypeSpec.Builder type, Chain chain, Stage stage, MethodSpec.Builder method, Var element,
            CodeBlock failed) {
        TypeName acc = stage.returnType().name();
        String state = addState(type, stage, acc);
        CodeBlock key = stateKey(stage);
        method.addStatement("int slot = $L.indexOf($L)", state, key)
                .addStatement("$T acc", acc)
                .beginControlFlow("if (slot < 0)")
                .addComment("the first element of a key is its initial value")
                .addStatement("acc = $L", element.name())
                .addStatement("$L.insert($L, $L)", state, key, stateEncode(acc, "acc"))
                .nextControlFlow("else")
                .addCode(guarded(stage, CodeBlock.of("acc = $L",
                        call(stage, CodeBlock.of("$L, $L", stateValue(acc, state), element.name()))), failed))
                .addStatement("$L.set(slot, $L)", state, stateEncode(acc, "acc"))
                .endControlFlow()
                .addCode(dispatch(chain, stage, "key, acc"));
    }

    /** Declares the keyed-state table of a stage: primitive keys and values live in long arrays, never boxed. */
    private String addState(TypeSpec.Builder type, Stage stage, TypeName acc) {
        TypeName key = graph.flow().keyType(stage).name();
        String name = (key.isPrimitive() ? "LongKey" : "RefKey") + (acc.isPrimitive() ? "LongState" : "RefState");
        ClassName raw = ClassName.get(RuntimeTypes.STATE, name);
        List<TypeName> args = new ArrayList<>();
        if (!key.isPrimitive()) {
            args.add(key);
        }
        if (!acc.isPrimitive()) {
            args.add(acc);
        }
        TypeName stateType = args.isEmpty() ? raw : ParameterizedTypeName.get(raw, args.toArray(TypeName[]::new));
        String field = stage.name() + "State";
        type.addField(FieldSpec.builder(stateType, field, Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T$L()", raw, args.isEmpty() ? "" : "<>").build());
        return field;
    }

    private CodeBlock stateKey(Stage stage) {
        TypeName key = graph.flow().keyType(stage).name();
        return key.isPrimitive() ? Codec.encode(key, CodeBlock.of("key"), true) : CodeBlock.of("key");
    }

    private static CodeBlock stateValue(TypeName acc, String state) {
        CodeBlock value = CodeBlock.of("$L.value(slot)", state);
        return acc.isPrimitive() ? Codec.decode(acc, value) : value;
    }

    private static CodeBlock stateEncode(TypeName acc, String var) {
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
                code.addStatement("$L.route($L)", exchange.name(), args);
            }
        }
        return code.build();
    }

    /** The user's method called with {@code args}: on the instance, or on the class when static. */
    private CodeBlock call(Stage stage, Object args) {
        return stage.isStatic()
                ? CodeBlock.of("$T.$L($L)", pipeline, stage.name(), args)
                : CodeBlock.of("pipeline.$L($L)", stage.name(), args);
    }

    private CodeBlock initialCall(Stage stage) {
        boolean isStatic = graph.model().methods().stream()
                .filter(m -> m.name().equals(stage.initial()) && m.parameterCount() == 0)
                .findFirst().map(m -> m.isStatic()).orElse(false);
        return isStatic ? CodeBlock.of("$T.$L()", pipeline, stage.initial())
                : CodeBlock.of("pipeline.$L()", stage.initial());
    }

    /** The element as the user's parameters take it: as is, as two arguments, or as one {@code Keyed}. */
    private static CodeBlock elementArgs(Stage stage, ElementType input, List<Var> element) {
        if (!input.isPair()) {
            return CodeBlock.of("$L", element.get(0).name());
        }
        List<Parameter> params = Flow.elementParameters(stage);
        if (params.size() == 2) {
            return CodeBlock.of("$L, $L", element.get(0).name(), element.get(1).name());
        }
        return CodeBlock.of("new $T<>($L, $L)", RuntimeTypes.KEYED, element.get(0).name(), element.get(1).name());
    }

    /** The element as an object for a failure message (built only when user code threw). */
    private static CodeBlock elementObject(ElementType input, List<Var> element) {
        if (!input.isPair()) {
            return CodeBlock.of("$L", element.get(0).name());
        }
        return CodeBlock.of("new $T<>($L, $L)", RuntimeTypes.KEYED, element.get(0).name(), element.get(1).name());
    }

    /** {@code statement}, with whatever the user's code throws turned into a failure naming the stage and element. */
    private static CodeBlock guarded(Stage stage, CodeBlock statement, CodeBlock element) {
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
                in = stage.kind() == StageKind.SOURCE ? "0L" : "this." + stage.name() + "In";
            } else {
                in = String.join(" + ", graph.inputsInChain(chain, stage).stream().map(s -> s.name() + "Out").toList());
            }
            String out = switch (stage.kind()) {
                case SOURCE, FLAT_MAP -> "this." + stage.name() + "Out";
                case FILTER -> stage.name() + "In - this." + stage.name() + "Dropped";
                case SINK -> "0L";
                default -> stage.name() + "In";
            };
            method.addStatement("long $LIn = $L", stage.name(), in)
                    .addStatement("long $LOut = $L", stage.name(), out)
                    .addStatement("metrics.add($L, $LIn, $LOut)", stage.index(), stage.name(), stage.name());
        }
        return method.build();
    }
}
