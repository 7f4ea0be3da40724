package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.WindowSpec;
import dev.rill.processor.plan.Chain;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Names;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Local-global aggregation for a windowed {@code @Aggregate} with a {@code merge}: each
 * upstream subtask folds its own elements per key and window (the combiner) and sends one
 * partial accumulator per key and window across the hash exchange when its watermark passes
 * the window; the windowed stage merges the partials. A few rows per window cross threads
 * instead of every element, however skewed the keys (Flink SQL's local-global aggregation,
 * Beam's combiner lifting, Spark's map-side combine).
 *
 * <p>The results and the late count are those of folding every element downstream:
 * <ul>
 *   <li>The combiner holds its subtask's watermark below the earliest window whose partials
 *       have not left ({@link #hold}), so a partial always reaches the windowed stage before
 *       any watermark that closes its window there: partials of elements that came on time are
 *       never late downstream.
 *   <li>An element whose window this subtask's watermark passed already goes on at once, alone
 *       (its accumulator from zero), behind this subtask's current watermark (a batch handed
 *       over first: partials are few, so batches fill slowly and their watermarks would be
 *       stale), and the windowed stage judges it as it would the element.
 *       Its windows go latest-ending first and only the first of them carries a late weight of
 *       1 (0 if one of the element's windows was still open here): downstream watermarks only
 *       rise, so the element was late there exactly when that first row is.
 * </ul>
 */
final class PreAggregationWriter {
    private final ChainWriter chains;
    private final JobGraph graph;

    PreAggregationWriter(ChainWriter chains, JobGraph graph) {
        this.chains = chains;
        this.graph = graph;
    }

    static String partials(Exchange exchange) {
        return exchange.name() + "Partials";
    }

    static String folded(Exchange exchange) {
        return exchange.name() + "Folded";
    }

    /** {@code combineColorToCount}: what the {@code @KeyBy} feeding {@code exchange} calls instead of routing. */
    static String combine(Exchange exchange) {
        return "combine" + Names.upper(exchange.name());
    }

    /** {@code flushColorToCount(watermark)}: sends the partials of every window the watermark passed. */
    static String flush(Exchange exchange) {
        return "flush" + Names.upper(exchange.name());
    }

    /** The watermark {@code watermark} held below the earliest window whose partials have not left. */
    static CodeBlock hold(Exchange exchange, CodeBlock watermark) {
        String partials = partials(exchange);
        return CodeBlock.of("$L.size() == 0 ? $L : Math.min($L, $L.end(0) - 2)", partials, watermark, watermark, partials);
    }

    /**
     * Adds the combiner for {@code exchange} to the upstream chain's class: the partials per
     * window, the fold, and the flush.
     *
     * @param watermark this subtask's watermark before the hold: what says a window passed here
     */
    void addCombiner(TypeSpec.Builder type, Chain chain, Exchange exchange, CodeBlock watermark) {
        Stage stage = exchange.to();
        WindowSpec window = stage.window();
        TypeName table = chains.stateType(stage);
        TypeName acc = stage.returnType().name();
        String partials = partials(exchange);
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.WINDOW_SET, table), partials,
                        Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L's partial accumulators per window, folded in this subtask before $L.\n",
                        stage.name(), exchange.name())
                .initializer("new $T<>()", RuntimeTypes.WINDOW_SET).build());
        type.addField(TypeName.LONG, folded(exchange), Modifier.PRIVATE);

        List<Var> element = Var.element(exchange.element(), true);
        List<Var> keyAndElement = new java.util.ArrayList<>();
        keyAndElement.add(Var.key(exchange.key()));
        keyAndElement.addAll(element);
        CodeBlock args = ChainWriter.elementArgs(stage, exchange.element(), element);
        CodeBlock failed = ChainWriter.elementObject(exchange.element(), element);
        long size = window.size();
        long step = window.step();
        String alone = exchange.name() + "Alone";
        String open = exchange.name() + "Open";
        // The per-element path stays small, the rare cases in methods of their own: HotSpot
        // inlines it into the source's loop only while its compiled code stays small, and the
        // element is allocated whenever it is not inlined.
        MethodSpec.Builder combine = MethodSpec.methodBuilder(combine(exchange)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Pre-aggregates $L ($L) in this subtask: folds the element into its key's partial in each\n"
                        + "of its windows; the partials cross $L when this subtask's watermark passes the window.\n",
                        stage.name(), window.describe(), exchange.name())
                .addParameters(Var.parameters(keyAndElement))
                .addStatement("$L++", folded(exchange))
                .addStatement("long watermark = $L", watermark);
        CodeBlock foldIntoPartial = CodeBlock.builder()
                .addStatement("$T table = $L.get(start)", table, partials)
                .beginControlFlow("if (table == null)")
                .addStatement("table = $L(start)", open)
                .endControlFlow()
                .add(chains.fold(stage, "table", args, failed, element.get(0), false))
                .build();
        if (step == size) {
            // tumbling: one window per element
            combine.addStatement("long start = timestamp - Math.floorMod(timestamp, $LL)", size)
                    .beginControlFlow("if (start + $LL - 1 <= watermark)", size)
                    .addComment("its window passed here already: the element goes on alone, and $L judges it", stage.name())
                    .addStatement("$L($L, start, 1L)", alone, Var.names(keyAndElement))
                    .addStatement("return")
                    .endControlFlow()
                    .addCode(foldIntoPartial);
        } else {
            combine.addStatement("boolean sent = false")
                    .beginControlFlow("for (long start = timestamp - Math.floorMod(timestamp, $LL); start > timestamp - $LL; start -= $LL)",
                            step, size, step)
                    .beginControlFlow("if (start + $LL - 1 <= watermark)", size)
                    .addComment("this window passed here already: the element goes on alone, and $L judges it", stage.name())
                    .addStatement("$L($L, start, sent ? 0L : 1L)", alone, Var.names(keyAndElement))
                    .nextControlFlow("else")
                    .addCode(foldIntoPartial)
                    .endControlFlow()
                    .addStatement("sent = true")
                    .endControlFlow();
        }
        combine.beginControlFlow("if ($L.size() > 0 && $L.end(0) - 1 <= watermark)", partials, partials)
                .addStatement("$L(watermark)", flush(exchange))
                .endControlFlow();
        type.addMethod(combine.build());

        type.addMethod(MethodSpec.methodBuilder(alone).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Sends the element's accumulator for the window at {@code start} on its own.\n")
                .addParameters(Var.parameters(keyAndElement))
                .addParameter(TypeName.LONG, "start")
                .addParameter(TypeName.LONG, "lateWeight")
                .addCode(chains.startAccumulator(stage, failed))
                .addCode(ChainWriter.guarded(stage, CodeBlock.of("acc = $L", chains.call(stage, CodeBlock.of("acc, $L", args))), failed))
                .addComment("after the watermark this subtask has now, as the element itself would have been")
                .addStatement("$L.routeAfterWatermark(key, acc, start, lateWeight)", exchange.name())
                .build());
        type.addMethod(MethodSpec.methodBuilder(open).addModifiers(Modifier.PRIVATE)
                .returns(table)
                .addJavadoc("Opens the partials of the window at {@code start}.\n")
                .addParameter(TypeName.LONG, "start")
                .addStatement("$T table = new $T$L()", table, chains.stateClass(stage), chains.diamond(stage))
                .addStatement("$L.put(start, start + $LL, table)", partials, size)
                .addStatement("return table")
                .build());

        TypeName key = exchange.key().name();
        CodeBlock keyRead = key.isPrimitive()
                ? Codec.decodeKey(key, CodeBlock.of("table.key(slot)")) : CodeBlock.of("table.key(slot)");
        type.addMethod(MethodSpec.methodBuilder(flush(exchange)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Sends $L's partials of every window {@code watermark} passed, earliest first, and frees them.\n",
                        stage.name())
                .addParameter(TypeName.LONG, "watermark")
                .beginControlFlow("while ($L.size() > 0 && $L.end(0) - 1 <= watermark)", partials, partials)
                .addStatement("long start = $L.start(0)", partials)
                .addStatement("$T table = $L.first()", table, partials)
                .beginControlFlow("for (int slot = 0; slot < table.slots(); slot++)")
                .beginControlFlow("if (table.occupied(slot))")
                .addStatement("$L.route($L, $L, start, 0L)", exchange.name(), keyRead, ChainWriter.stateValue(acc, "table"))
                .endControlFlow()
                .endControlFlow()
                .addComment("removed only now: until here the hold kept this subtask's watermark below the window")
                .addStatement("$L.removeFirst()", partials)
                .endControlFlow()
                .build());
    }

    /**
     * The windowed stage's side: {@code onCount(key, partial, start, lateWeight)} merges one
     * upstream subtask's partial into the key's window; the watermark fires windows as usual.
     */
    void addMerge(TypeSpec.Builder type, Stage stage, Exchange input, MethodSpec.Builder method) {
        String name = stage.name();
        TypeName table = chains.stateType(stage);
        TypeName acc = stage.returnType().name();
        CodeBlock stateKey = chains.stateKey(stage);
        CodeBlock failed = CodeBlock.of("new $T<>(key, partial)", RuntimeTypes.KEYED);
        method.addJavadoc("$L, $L: merges one upstream subtask's partial accumulator into its key's window with $L.\n",
                        name, stage.window().describe(), stage.merge())
                .addParameters(Var.parameters(ExchangeWriter.partialRow(input)))
                .addStatement("long end = start + $LL", stage.window().size())
                .beginControlFlow("if (end - 1 <= inputWatermark())")
                .addComment("the window fired already: only a lone element late upstream too gets here (see combine)")
                .addStatement("$LLate += lateWeight", name)
                .addStatement("return")
                .endControlFlow()
                .addStatement("$T table = $LWindows.get(start)", table, name)
                .beginControlFlow("if (table == null)")
                .addStatement("table = new $T$L()", chains.stateClass(stage), chains.diamond(stage))
                .addStatement("$LWindows.put(start, end, table)", name)
                .endControlFlow()
                .addStatement("int slot = table.indexOf($L)", stateKey)
                .beginControlFlow("if (slot < 0)")
                .addStatement("table.insert($L, $L)", stateKey, ChainWriter.stateEncode(acc, "partial"))
                .addStatement("return")
                .endControlFlow()
                .addStatement("$T acc", acc)
                .addCode(ChainWriter.guarded(stage, CodeBlock.of("acc = $L", chains.mergeCall(stage,
                        CodeBlock.of("$L, partial", ChainWriter.stateValue(acc, "table")))), failed))
                .addStatement("table.set(slot, $L)", ChainWriter.stateEncode(acc, "acc"));
    }
}
