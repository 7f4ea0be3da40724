package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.plan.RecordCrossing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each part of an exchanged element sits in a batch row: references in
 * {@code batch.refs}, primitives in {@code batch.longs}, so nothing is boxed on the way.
 *
 * <p>A variable given a {@link RecordCrossing} travels as its record's shipped components, one
 * slot each, and is rebuilt by the canonical constructor on the consumer's side (placeholders
 * for the components that stayed upstream), so a record a source or transform makes is never
 * allocated (the JIT scalar-replaces it on both sides). A null record is marked
 * ({@code Batch.NULL_RECORD}) in the slot of its first shipped reference component or, when
 * none ships, in one reference slot of its own that only a null record writes: the consumer
 * clears a batch's references before the producer refills it.
 */
final class RowLayout {
    /** A slot: which array and where in the row. */
    private record Slot(boolean ref, int index) {
    }

    /** How one variable is laid out: one slot, or one per shipped component plus its null marker. */
    private record Placement(Var var, RecordCrossing crossing, List<Slot> slots, Slot marker) {
    }

    private final List<Var> vars;
    private final List<Placement> placements = new ArrayList<>();
    private int refWidth;
    private int longWidth;

    /**
     * @param flattened the variables (of {@code vars}) that travel as their record's components
     */
    RowLayout(List<Var> vars, Map<Var, RecordCrossing> flattened) {
        this.vars = List.copyOf(vars);
        for (Var v : vars) {
            RecordCrossing crossing = flattened.get(v);
            if (crossing == null) {
                placements.add(new Placement(v, null, List.of(slot(v.type())), null));
                continue;
            }
            List<Slot> slots = new ArrayList<>();
            Slot marker = null;
            for (RecordShape.Component c : crossing.shipped()) {
                Slot slot = slot(c.type().name());
                slots.add(slot);
                if (marker == null && slot.ref()) {
                    marker = slot;
                }
            }
            placements.add(new Placement(v, crossing, slots, marker != null ? marker : new Slot(true, refWidth++)));
        }
    }

    private Slot slot(TypeName type) {
        boolean ref = !type.isPrimitive();
        return new Slot(ref, ref ? refWidth++ : longWidth++);
    }

    int refWidth() {
        return refWidth;
    }

    int longWidth() {
        return longWidth;
    }

    List<Var> vars() {
        return vars;
    }

    /** Whether some variable travels as its record's components. */
    boolean flattens() {
        return placements.stream().anyMatch(p -> p.crossing() != null);
    }

    /** Statements writing {@link #vars} into row {@code row} of {@code batch}. */
    CodeBlock write(String batch, String row) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Placement p : placements) {
            Var v = p.var();
            if (p.crossing() == null) {
                code.addStatement("$L = $L", at(batch, p.slots().get(0), row),
                        encode(v.type(), p.slots().get(0), CodeBlock.of("$L", v.name())));
                continue;
            }
            List<RecordShape.Component> shipped = p.crossing().shipped();
            CodeBlock markNull = CodeBlock.of("$L = $T.NULL_RECORD", at(batch, p.marker(), row), RuntimeTypes.BATCH);
            if (shipped.isEmpty()) {
                code.add("// no stage after the exchange reads a component of $T: only a null one is marked\n", v.type())
                        .beginControlFlow("if ($L == null)", v.name())
                        .addStatement(markNull)
                        .endControlFlow();
                continue;
            }
            code.add(p.crossing().isCut()
                            ? "// $T crosses as the components the stages after the exchange read; the consumer rebuilds it\n"
                            : "// $T crosses as its components; the consumer rebuilds it\n", v.type())
                    .beginControlFlow("if ($L != null)", v.name());
            for (int i = 0; i < shipped.size(); i++) {
                RecordShape.Component c = shipped.get(i);
                code.addStatement("$L = $L", at(batch, p.slots().get(i), row),
                        encode(c.type().name(), p.slots().get(i), CodeBlock.of("$L.$L()", v.name(), c.accessor())));
            }
            code.nextControlFlow("else").addStatement(markNull).endControlFlow();
        }
        return code.build();
    }

    /** Expressions reading each of {@link #vars} from row {@code row} of the local arrays {@code refs} and {@code longs}. */
    List<CodeBlock> read(String row) {
        List<CodeBlock> reads = new ArrayList<>();
        for (Placement p : placements) {
            if (p.crossing() == null) {
                reads.add(decode(p.var().type(), p.slots().get(0), row));
                continue;
            }
            List<CodeBlock> args = new ArrayList<>();
            List<RecordShape.Component> shipped = p.crossing().shipped();
            for (RecordShape.Component c : p.crossing().shape().components()) {
                int i = shipped.indexOf(c);
                TypeName type = c.type().name();
                // a cast, so that a null placeholder cannot make the constructor call ambiguous
                args.add(i >= 0 ? decode(type, p.slots().get(i), row)
                        : type.isPrimitive() ? Codec.zero(type) : CodeBlock.of("($T) null", type));
            }
            CodeBlock absent = CodeBlock.of("$L == $T.NULL_RECORD", at(null, p.marker(), row), RuntimeTypes.BATCH);
            reads.add(CodeBlock.of("$L ? null : new $T($L)", absent, p.var().type(), CodeBlock.join(args, ", ")));
        }
        return reads;
    }

    private static CodeBlock encode(TypeName type, Slot slot, CodeBlock value) {
        return slot.ref() ? value : Codec.encode(type, value, false);
    }

    private CodeBlock decode(TypeName type, Slot slot, String row) {
        CodeBlock read = at(null, slot, row);
        return slot.ref() ? CodeBlock.of("($T) $L", type, read) : Codec.decode(type, read);
    }

    /** {@code batch.refs[...]}, or {@code refs[...]} (the consumer's local) when {@code batch} is null. */
    private CodeBlock at(String batch, Slot slot, String row) {
        String array = (batch == null ? "" : batch + ".") + (slot.ref() ? "refs" : "longs");
        return CodeBlock.of("$L[$L]", array, index(slot.ref() ? refWidth : longWidth, slot.index(), row));
    }

    private static String index(int width, int slot, String row) {
        if (width == 1) {
            return row;
        }
        return width + " * " + row + (slot == 0 ? "" : " + " + slot);
    }
}
