package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.plan.RecordCrossing;
import java.util.List;
import javax.lang.model.element.Modifier;

/** How a failure message names a record that crossed an exchange as its components. */
final class AsShipped {
    private AsShipped() {
    }

    /**
     * The argument naming {@code element} in a failure message: {@code asShipped} of its
     * shipped components, so that the record itself is never an argument of a call the JIT may
     * not inline. A rarely taken branch that passes it (a new key's check) is compiled while its
     * profile is too young to prune, and then the record escapes and is allocated for every row
     * (W2: 32 B per event in about one run in three).
     */
    static CodeBlock argument(RecordCrossing crossing, CodeBlock element) {
        List<CodeBlock> components = crossing.shipped().stream().map(c -> CodeBlock.of("$L.$L()", element, c.accessor())).toList();
        return CodeBlock.of("$L == null ? $S : asShipped($L)", element, "null", CodeBlock.join(components, ", "));
    }

    /**
     * {@code asShipped(components)}, which {@link #argument} calls: the record as it crossed, for
     * failure messages. With every component shipped, the record rebuilt there (only when a
     * stage failed), so its own {@code toString()} speaks; with some left upstream, what
     * crossed, e.g.
     * {@code Event[value=5] (id, color, timestamp not shipped: no stage after the exchange reads them)},
     * where the rebuilt record would print placeholders as if they were values.
     */
    static MethodSpec method(RecordCrossing crossing) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("asShipped").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(String.class)
                .addJavadoc("The element as it crossed the exchange, for failure messages, from its components.\n");
        for (RecordShape.Component c : crossing.shipped()) {
            method.addParameter(c.type().name(), c.accessor());
        }
        if (!crossing.isCut()) {
            return method.addStatement("return $T.valueOf(new $T($L))", String.class, crossing.type(),
                    String.join(", ", crossing.shipped().stream().map(RecordShape.Component::accessor).toList())).build();
        }
        CodeBlock.Builder text = CodeBlock.builder();
        String before = crossing.simpleName() + "[";
        for (RecordShape.Component c : crossing.shipped()) {
            text.add("$S + $L + ", before + c.accessor() + "=", c.accessor());
            before = ", ";
        }
        List<String> left = crossing.shape().components().stream().filter(c -> !crossing.shipped().contains(c))
                .map(RecordShape.Component::accessor).toList();
        text.add("$S", (crossing.shipped().isEmpty() ? before : "") + "] (" + String.join(", ", left)
                + " not shipped: no stage after the exchange reads them)");
        return method.addStatement("return $L", text.build()).build();
    }
}
