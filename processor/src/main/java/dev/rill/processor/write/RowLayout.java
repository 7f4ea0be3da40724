package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.rill.processor.model.RecordShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each part of an exchanged element sits in a batch row: references in
 * {@code batch.refs}, primitives in {@code batch.longs}, so nothing is boxed on the way.
 *
 * <p>A variable given a {@link RecordShape} travels as its record's components, one slot each,
 * and is rebuilt by the canonical constructor on the consumer's side, so a record a source or
 * transform makes is never allocated (the JIT scalar-replaces it on both sides). A null record
 * is marked in the slot of its first reference component ({@code Batch.NULL_RECORD}) or, for a
 * record of primitives only, in one extra {@code long} slot that says whether it is present.
 */
final class RowLayout {
    /** A slot: which array and where in the row. */
    private record Slot(boolean ref, int index) {
    }

    /** How one variable is laid out: one slot, or one per component plus its null marker. */
    private record Placement(Var var, RecordShape shape, List<Slot> slots, Slot marker) {
    }

    private final List<Var> vars;
    private final List<Placement> placements = new ArrayList<>();
    private int refWidth;
    private int longWidth;

    /**
     * @param flattened the variables (of {@code vars}) that travel as their record's components
     */
    RowLayout(List<Var> vars, Map<Var, RecordShape> flattened) {
        this.vars = List.copyOf(vars);
        for (Var v : vars) {
            RecordShape shape = flattened.get(v);
            if (shape == null) {
                placements.add(new Placement(v, null, List.of(slot(v.type())), null));
                continue;
            }
            List<Slot> slots = new ArrayList<>();
            Slot marker = null;
            for (RecordShape.Component c : shape.components()) {
                Slot slot = slot(c.type().name());
                slots.add(slot);
                if (marker == null && slot.ref()) {
                    marker = slot;
                }
            }
            placements.add(new Placement(v, shape, slots, marker != null ? marker : new Slot(false, longWidth++)));
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
        return placements.stream().anyMatch(p -> p.shape() != null);
    }

    /** Statements writing {@link #vars} into row {@code row} of {@code batch}. */
    CodeBlock write(String batch, String row) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Placement p : placements) {
            Var v = p.var();
            if (p.shape() == null) {
                code.addStatement("$L = $L", at(batch, p.slots().get(0), row),
                        encode(v.type(), p.slots().get(0), CodeBlock.of("$L", v.name())));
                continue;
            }
            code.add("// $T crosses as its components; the consumer rebuilds it\n", v.type())
                    .beginControlFlow("if ($L != null)", v.name());
            List<RecordShape.Component> components = p.shape().components();
            for (int i = 0; i < components.size(); i++) {
                RecordShape.Component c = components.get(i);
                code.addStatement("$L = $L", at(batch, p.slots().get(i), row),
                        encode(c.type().name(), p.slots().get(i), CodeBlock.of("$L.$L()", v.name(), c.accessor())));
            }
            if (!p.marker().ref()) {
                code.addStatement("$L = 1L", at(batch, p.marker(), row));
            }
            code.nextControlFlow("else")
                    .addStatement("$L = $L", at(batch, p.marker(), row),
                            p.marker().ref() ? CodeBlock.of("$T.NULL_RECORD", RuntimeTypes.BATCH) : CodeBlock.of("0L"))
                    .endControlFlow();
        }
        return code.build();
    }

    /** Expressions reading each of {@link #vars} from row {@code row} of the local arrays {@code refs} and {@code longs}. */
    List<CodeBlock> read(String row) {
        List<CodeBlock> reads = new ArrayList<>();
        for (Placement p : placements) {
            if (p.shape() == null) {
                reads.add(decode(p.var().type(), p.slots().get(0), row));
                continue;
            }
            List<CodeBlock> args = new ArrayList<>();
            List<RecordShape.Component> components = p.shape().components();
            for (int i = 0; i < components.size(); i++) {
                args.add(decode(components.get(i).type().name(), p.slots().get(i), row));
            }
            CodeBlock absent = p.marker().ref()
                    ? CodeBlock.of("$L == $T.NULL_RECORD", at(null, p.marker(), row), RuntimeTypes.BATCH)
                    : CodeBlock.of("$L == 0L", at(null, p.marker(), row));
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
