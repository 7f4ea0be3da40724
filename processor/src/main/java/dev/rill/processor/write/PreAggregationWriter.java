package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.WindowSpec;
import dev.rill.processor.plan.Exchange;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Names;
import java.util.ArrayList;
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
 *       (its accumulator from the initial value), behind this subtask's current watermark (a batch handed
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
     * window, {@code combineX} (one element), and {@code flushX} (the partials a watermark passed).
     *
     * <p>For a record known by its components, {@code combineXParts} takes a present element as
     * its components and rebuilds it, so the record dies in that method's compiled code whether
     * or not the JIT inlines it into the loop that made the record: the source's loop then
     * passes the components and need not allocate the record either. For that the method must
     * never be inlined, or the code it pulls in makes the source's chain too large to inline
     * into the source's loop (HotSpot inlines a callee only while its compiled code is under
     * InlineSmallCode, 2,500 bytes), and every element is allocated: W4 pre-aggregated, 41.8
     * B/event in every fork. So it is written in one piece, fold, window opening, lone late
     * element and flush included, which keeps its bytecode over FreqInlineSize (325 bytes):
     * HotSpot does not inline it however hot, and W4 runs at 1.8 B/event.
     *
     * @param watermark this subtask's watermark before the hold: what says a window passed here
     * @param ownEventTime whether the chain makes that watermark itself ({@code @EventTime}), so it
     *     moves with the elements and each element checks for windows to flush; otherwise it
     *     moves only between input batches, and {@code onWatermark} or the end of input flushes
     */
    void addCombiner(TypeSpec.Builder type, Exchange exchange, CodeBlock watermark, boolean ownEventTime) {
        Stage stage = exchange.to();
        TypeName table = chains.stateType(stage);
        String partials = partials(exchange);
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.WINDOW_SET, table), partials,
                        Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L's partial accumulators per window, folded in this subtask before $L.\n",
                        stage.name(), exchange.name())
                .initializer("new $T<>()", RuntimeTypes.WINDOW_SET).build());
        type.addField(TypeName.LONG, folded(exchange), Modifier.PRIVATE);

        List<Var> element = Var.element(exchange.element(), true);
        List<Var> keyAndElement = new ArrayList<>();
        keyAndElement.add(Var.key(exchange.key()));
        keyAndElement.addAll(element);
        CodeBlock body = combineBody(exchange, watermark, element, ownEventTime);
        String javadoc = "Pre-aggregates " + stage.name() + " (" + stage.window().describe() + ") in this subtask:"
                + " folds the element into its key's partial\nin each of its windows; the partials cross "
                + exchange.name() + " when this subtask's watermark passes the window.\n";
        type.addMethod(MethodSpec.methodBuilder(combine(exchange)).addModifiers(Modifier.PRIVATE)
                .addJavadoc(javadoc)
                .addParameters(Var.parameters(keyAndElement))
                .addCode(body)
                .build());
        RecordShape shape = graph.model().recordShape(exchange.element());
        if (shape != null) {
            Var record = element.get(0);
            MethodSpec.Builder parts = MethodSpec.methodBuilder(combine(exchange) + "Parts").addModifiers(Modifier.PRIVATE)
                    .addJavadoc(javadoc + "\n<p>The same for a present $T given as its components, rebuilt here (see\n"
                            + "how Rill writes this method: it is one piece so that the JIT never inlines it).\n",
                            record.type())
                    .addParameter(Var.key(exchange.key()).parameter());
            List<String> names = new ArrayList<>();
            for (RecordShape.Component c : shape.components()) {
                String name = part(record, c);
                parts.addParameter(c.type().name(), name);
                names.add(name);
            }
            type.addMethod(parts.addStatement("$T $L = new $T($L)", record.type(), record.name(), record.type(),
                            String.join(", ", names))
                    .addCode(body)
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder(flush(exchange)).addModifiers(Modifier.PRIVATE)
                .addJavadoc("Sends $L's partials of every window {@code watermark} passed, earliest first, and recycles their tables for later windows.\n",
                        stage.name())
                .addParameter(TypeName.LONG, "watermark")
                .addCode(flushLoop(exchange))
                .build());
    }

    /** One element's pre-aggregation, in one piece (see {@link #addCombiner}). */
    private CodeBlock combineBody(Exchange exchange, CodeBlock watermark, List<Var> element, boolean ownEventTime) {
        Stage stage = exchange.to();
        WindowSpec window = stage.window();
        TypeName table = chains.stateType(stage);
        String partials = partials(exchange);
        CodeBlock args = ChainWriter.elementArgs(stage, exchange.element(), element);
        CodeBlock failed = ChainWriter.elementObject(exchange.element(), element);
        long size = window.size();
        long step = window.step();
        CodeBlock foldIntoPartial = CodeBlock.builder()
                .addStatement("$T table = $L.get(start)", table, partials)
                .beginControlFlow("if (table == null)")
                .addStatement("table = $L.open(start, start + $LL, $T::new)", partials, size, chains.stateClass(stage))
                .endControlFlow()
                .add(chains.fold(exchange.from(), stage, "table", args, failed, element.get(0)))
                .build();
        CodeBlock alone = CodeBlock.builder()
                .add("// this window passed here already: the element goes on alone, after the watermark this\n")
                .add("// subtask has now, as the element itself would have, and $L judges it\n", stage.name())
                .add(chains.startAccumulator(stage, failed))
                .add(ChainWriter.guarded(stage, CodeBlock.of("acc = $L", chains.call(stage, CodeBlock.of("acc, $L", args))), failed))
                .build();
        CodeBlock.Builder body = CodeBlock.builder()
                .addStatement("$L++", folded(exchange))
                .addStatement("long watermark = $L", watermark);
        if (step == size) {
            // tumbling: one window per element
            body.addStatement("long start = timestamp - Math.floorMod(timestamp, $LL)", size)
                    .beginControlFlow("if (start + $LL - 1 <= watermark)", size)
                    .add(alone)
                    .addStatement("$L.routeAfterWatermark(key, acc, start, 1L)", exchange.name())
                    .addStatement("return")
                    .endControlFlow()
                    .add(foldIntoPartial);
        } else {
            // sliding: latest window first, so that a lone element's first row decides whether it was late
            body.addStatement("boolean sent = false")
                    .beginControlFlow("for (long start = timestamp - Math.floorMod(timestamp, $LL); start > timestamp - $LL; start -= $LL)",
                            step, size, step)
                    .beginControlFlow("if (start + $LL - 1 <= watermark)", size)
                    .add(alone)
                    .addStatement("$L.routeAfterWatermark(key, acc, start, sent ? 0L : 1L)", exchange.name())
                    .nextControlFlow("else")
                    .add(foldIntoPartial)
                    .endControlFlow()
                    .addStatement("sent = true")
                    .endControlFlow();
        }
        return ownEventTime ? body.add(flushLoop(exchange)).build() : body.build();
    }

    /** Sends the partials of every window {@code watermark} passed; the window leaves only after its rows. */
    private CodeBlock flushLoop(Exchange exchange) {
        Stage stage = exchange.to();
        String partials = partials(exchange);
        TypeName key = exchange.key().name();
        CodeBlock keyRead = key.isPrimitive()
                ? Codec.decodeKey(key, CodeBlock.of("passed.key(s)")) : CodeBlock.of("passed.key(s)");
        CodeBlock value = CodeBlock.of("passed.value(s)");
        TypeName acc = stage.returnType().name();
        return CodeBlock.builder()
                .beginControlFlow("while ($L.size() > 0 && $L.end(0) - 1 <= watermark)", partials, partials)
                .addStatement("$T passed = $L.first()", chains.stateType(stage), partials)
                .beginControlFlow("for (int s = 0; s < passed.slots(); s++)")
                .beginControlFlow("if (passed.occupied(s))")
                .addStatement("$L.route($L, $L, $L.start(0), 0L)", exchange.name(), keyRead,
                        acc.isPrimitive() ? Codec.decode(acc, value) : value, partials)
                .endControlFlow()
                .endControlFlow()
                .add("// removed only now: until here the hold kept this subtask's watermark below the window\n")
                .addStatement("$L.recycle($L.removeFirst())", partials, partials)
                .endControlFlow()
                .build();
    }

    /**
     * The call the {@code @KeyBy} feeding {@code exchange} makes: {@code combineX(key, element)},
     * or, for a record, {@code combineXParts(key, element.a(), element.b())} when it is not null.
     */
    CodeBlock call(Exchange exchange) {
        Var key = Var.key(exchange.key());
        List<Var> element = Var.element(exchange.element(), true);
        List<Var> keyAndElement = new ArrayList<>();
        keyAndElement.add(key);
        keyAndElement.addAll(element);
        RecordShape shape = graph.model().recordShape(exchange.element());
        if (shape == null) {
            return CodeBlock.builder().addStatement("$L($L)", combine(exchange), Var.names(keyAndElement)).build();
        }
        Var record = element.get(0);
        List<String> parts = new ArrayList<>();
        parts.add(key.name());
        for (RecordShape.Component c : shape.components()) {
            parts.add(record.name() + "." + c.accessor() + "()");
        }
        return CodeBlock.builder()
                .beginControlFlow("if ($L != null)", record.name())
                .addStatement("$LParts($L)", combine(exchange), String.join(", ", parts))
                .nextControlFlow("else")
                .addStatement("$L($L)", combine(exchange), Var.names(keyAndElement))
                .endControlFlow()
                .build();
    }

    /** {@code elementColor}: a component's parameter, named apart from the fold's own locals. */
    private static String part(Var record, RecordShape.Component c) {
        return record.name() + Names.upper(c.accessor());
    }

    /**
     * The windowed stage's side: {@code onCount(key, partial, start, lateWeight)} merges one
     * upstream subtask's partial into the key's window; the watermark fires windows as usual.
     */
    void addMerge(Stage stage, Exchange input, MethodSpec.Builder method) {
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
                .addStatement("table = $LWindows.open(start, end, $T::new)", name, chains.stateClass(stage))
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
