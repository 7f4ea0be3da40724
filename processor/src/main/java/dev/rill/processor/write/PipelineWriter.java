package dev.rill.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.plan.Chain;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.ExchangeKind;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.PlanDescription;
import java.util.function.Supplier;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code RillX}: the entry points ({@code create}, {@code run}, {@code start},
 * {@code describe}), the wiring of chains and exchanges, and one nested class per chain and
 * per exchange.
 */
public final class PipelineWriter {
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final String PROCESSOR = "dev.rill.processor.RillProcessor";

    public JavaFile write(JobGraph graph) {
        PipelineModel model = graph.model();
        ClassName pipeline = model.type();
        TypeName factory = ParameterizedTypeName.get(ClassName.get(Supplier.class), WildcardTypeName.subtypeOf(pipeline));
        String plan = PlanDescription.describe(graph);

        TypeSpec.Builder type = TypeSpec.classBuilder(model.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
                .addJavadoc("Runs {@link $T}, compiled by Rill from its annotations. Do not edit.\n\n", pipeline)
                .addJavadoc("<pre>{@code\nPipelineResult result = $T.create($T::new).run();\n}</pre>\n\n",
                        model.generated(), pipeline)
                .addJavadoc("The plan ({@code ->} a direct call, {@code =>} an exchange between threads):\n<pre>\n$L</pre>\n",
                        plan)
                .addField(FieldSpec.builder(String.class, "PLAN", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", plan).build())
                .addField(FieldSpec.builder(ArrayTypeName.of(String.class), "STAGES",
                        Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("{$L}", CodeBlock.join(model.stages().stream()
                                .map(s -> CodeBlock.of("$S", s.name())).toList(), ", ")).build())
                .addField(FieldSpec.builder(TypeName.INT, "MAX_PARALLELISM", Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", model.maxParallelism()).build())
                .addField(factory, "factory", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(factory, "factory")
                        .addStatement("this.factory = $T.requireNonNull(factory, $S)", java.util.Objects.class, "factory")
                        .build())
                .addMethod(MethodSpec.methodBuilder("create").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("A runnable pipeline; {@code factory} makes one $T per subtask of every chain.\n", pipeline)
                        .returns(model.generated())
                        .addParameter(factory, "factory")
                        .addStatement("return new $T(factory)", model.generated())
                        .build())
                .addMethod(MethodSpec.methodBuilder("run").addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Runs the pipeline until every source returned and every element reached its sinks.\n")
                        .returns(RuntimeTypes.PIPELINE_RESULT)
                        .addStatement("return job().run()")
                        .build())
                .addMethod(MethodSpec.methodBuilder("start").addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Starts the pipeline on its own threads and returns at once.\n")
                        .returns(RuntimeTypes.RUNNING_PIPELINE)
                        .addStatement("return job().start()")
                        .build())
                .addMethod(MethodSpec.methodBuilder("describe").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("The job graph: chains of fused stages, exchanges, parallelism.\n")
                        .returns(String.class)
                        .addStatement("return PLAN")
                        .build())
                .addMethod(job(graph));

        ChainWriter chains = new ChainWriter(graph);
        for (Chain chain : graph.chains()) {
            type.addType(chains.write(chain));
        }
        ExchangeWriter exchanges = new ExchangeWriter();
        for (Exchange exchange : graph.exchanges()) {
            type.addType(exchanges.write(exchange, graph));
        }
        return JavaFile.builder(model.generated().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** Builds one run: a channel matrix per exchange, then every subtask of every chain. */
    private MethodSpec job(JobGraph graph) {
        MethodSpec.Builder job = MethodSpec.methodBuilder("job").addModifiers(Modifier.PRIVATE)
                .returns(RuntimeTypes.JOB)
                .addStatement("$T job = new $T($S, STAGES)", RuntimeTypes.JOB, RuntimeTypes.JOB, graph.model().simpleName());
        ArrayTypeName matrix = ArrayTypeName.of(ExchangeWriter.CHANNELS);
        boolean watermarks = graph.model().stages().stream().anyMatch(s -> s.kind() == StageKind.EVENT_TIME);
        for (Exchange exchange : graph.exchanges()) {
            RowLayout layout = ExchangeWriter.layout(exchange, graph);
            int downstream = graph.chains().stream().filter(c -> c.head() == exchange.to()).findFirst()
                    .orElseThrow().parallelism();
            int channels = exchange.channelsPerUpstream(downstream);
            if (channels <= 2) {
                // Few channels per upstream subtask: larger batches mean fewer park/unpark hand-overs
                // (measured: 4,096 rows took W2 and W3 13-16% past the 1,024-row default, W4 from
                // 31.4 / 29.7 to 39.9 / 38.4 M events/s) at a bounded cost in memory (channels x 8
                // batches x rows). Watermarks then move once per batch, which at 4,096 rows under
                // load is well under a millisecond; a stream too slow to fill batches hands them over
                // partial (BatchChannel.commit), so its windows fire as soon as before. Without
                // event time nothing waits on a batch but its rows, and 16,384 rows took W2 further
                // (BULK_BATCH_ROWS' Javadoc); W4, windowed, gained nothing from them, so it keeps 4,096.
                String rows = watermarks ? "LARGE_BATCH_ROWS" : "BULK_BATCH_ROWS";
                job.addStatement("$T $L = job.exchange($L, $L, $L, $L, $T.$L, $T.DEFAULT_RING_BATCHES)",
                        matrix, exchange.name(), exchange.upstreamParallelism(), channels, layout.refWidth(),
                        layout.longWidth(), RuntimeTypes.BATCH_CHANNEL, rows, RuntimeTypes.BATCH_CHANNEL);
            } else {
                job.addStatement("$T $L = job.exchange($L, $L, $L, $L)", matrix, exchange.name(),
                        exchange.upstreamParallelism(), channels, layout.refWidth(), layout.longWidth());
            }
        }
        for (Chain chain : graph.chains()) {
            CodeBlock.Builder args = CodeBlock.builder().add("job, factory.get(), s");
            for (Exchange in : chain.inputs()) {
                if (in.kind() == ExchangeKind.POINTWISE) {
                    // a pointwise exchange gives subtask s the one channel of upstream subtask s
                    args.add(", $L[s]", in.name());
                } else {
                    args.add(", $T.column($L, s)", RuntimeTypes.JOB, in.name());
                }
            }
            for (Exchange out : chain.outputs()) {
                args.add(", $L[s]", out.name());
            }
            job.beginControlFlow("for (int s = 0; s < $L; s++)", chain.parallelism())
                    .addStatement("job.add(new $L($L))", chain.className(), args.build())
                    .endControlFlow();
        }
        return job.addStatement("return job").build();
    }
}
