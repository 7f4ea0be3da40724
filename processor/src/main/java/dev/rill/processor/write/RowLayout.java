package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.rill.processor.model.RecordShape;
import dev.rill.processor.plan.RecordCrossing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each part of an exchanged element sits in a batch row: references in
 * {@code batch.refs}, primitives in {@code batch.longs}, so nothing is boxed on the way.
 *
 * <p>A variable given a {@link RecordCrossing} travels as its record's shipped components, one
 * slot each, and is rebuilt by the canonical constructor on the consumer's side (placeholders
 * for the components that stayed upstream), so a record a source or transform makes is never
 * allocated (the JIT scalar-replaces it on both sides). A null record is marked
 * ({@code Batch.NULL_RECORD}) in the slot of its first shipped reference component or, when
 * none ships, in the batch's null-record flags ({@code Batch.markNullRecord}), which the
 * consumer reads once per batch: a row of primitives then touches no reference array at all.
 *
 * <p>Primitives of 32 bits or fewer ({@code int}, {@code float}, {@code short}, {@code char},
 * {@code byte}, {@code boolean}) share a {@code long} slot two by two, the first in its lower
 * half, the next or-ed into its upper half: a row of an {@code int} key and an element's
 * {@code int} component is one {@code long}, not two. Rows are what crosses between cores and
 * what a ring of batches holds, so fewer bytes per row are fewer cache lines for each side to
 * move. W3 (an int key and an int value) went from 24 bytes a row (two longs and a null-marker
 * reference the consumer read and cleared) to 8, and from 131.3 to 144.6 M events/s at p=2:
 * means of five alternations with the build before (JMH, {@code '^dev\.rill\.bench\.W3Bench\.
 * (rill|handWritten)$' -f 2 -wi 2 -i 4 -w 2s -r 2s}, 2026-11-30 10:28-10:37 UTC; the loop ran
 * 362-372 either way). Either half of the change alone, tried on hand-edited generated code in
 * the same hour, gained less than its noise: packing 137.9, the null-record flags 133.0.
 */
final class RowLayout {
    /**
     * A slot: which array and where in the row, and for a 32-bit primitive in the upper half of
     * a {@code long} it shares with the one before it, {@code high}.
     */
    private record Slot(boolean ref, int index, boolean high) {
    }

    /**
     * How one variable is laid out: one slot, or one per shipped component plus its null marker,
     * a reference slot or, when null, the batch's null-record flags.
     */
    private record Placement(Var var, RecordCrossing crossing, List<Slot> slots, Slot marker) {
    }

    private final List<Var> vars;
    private final List<Placement> placements = new ArrayList<>();
    private int refWidth;
    private int longWidth;
    /** The {@code long} slots whose two halves hold two 32-bit primitives. */
    private final Set<Integer> shared = new HashSet<>();
    /** A {@code long} slot whose lower half alone is taken, or -1. */
    private int openHalf = -1;
    /** Who wrote {@link #openHalf}'s lower half: null when it is written on every row, else the record it belongs to. */
    private Var openHalfRecord;
    /** Whether a variable marks its null records in the batch's null-record flags (one variable per row can). */
    private boolean marksNullRecords;

    /**
     * @param flattened the variables (of {@code vars}) that travel as their record's components
     */
    RowLayout(List<Var> vars, Map<Var, RecordCrossing> flattened) {
        this.vars = List.copyOf(vars);
        for (Var v : vars) {
            RecordCrossing crossing = flattened.get(v);
            if (crossing == null) {
                placements.add(new Placement(v, null, List.of(slot(v.type(), null)), null));
                continue;
            }
            List<Slot> slots = new ArrayList<>();
            Slot marker = null;
            for (RecordShape.Component c : crossing.shipped()) {
                Slot slot = slot(c.type().name(), v);
                slots.add(slot);
                if (marker == null && slot.ref()) {
                    marker = slot;
                }
            }
            if (marker == null && marksNullRecords) {
                marker = new Slot(true, refWidth++, false); // the batch's null-record flags are taken: a slot of its own
            }
            marksNullRecords |= marker == null;
            placements.add(new Placement(v, crossing, slots, marker));
        }
    }

    /**
     * The next slot for a value of {@code type}; {@code record} is the flattened variable it is
     * a component of, or null for a variable written on every row. A 32-bit primitive takes the
     * upper half of the {@code long} whose lower half the one before it took, when that lower
     * half is written on every row or by the same record: the upper half is or-ed in, so the
     * lower one must have been written first on every row that writes the upper one (a
     * component is written only for a non-null record).
     */
    private Slot slot(TypeName type, Var record) {
        if (!type.isPrimitive()) {
            return new Slot(true, refWidth++, false);
        }
        if (!Codec.fitsInHalf(type)) {
            return new Slot(false, longWidth++, false);
        }
        if (openHalf >= 0 && (openHalfRecord == null || openHalfRecord == record)) {
            Slot upper = new Slot(false, openHalf, true);
            shared.add(openHalf);
            openHalf = -1;
            return upper;
        }
        openHalf = longWidth;
        openHalfRecord = record;
        return new Slot(false, longWidth++, false);
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

    /** Whether a variable marks its null records with {@code Batch.markNullRecord}, read as {@code nullRecords}. */
    boolean marksNullRecords() {
        return marksNullRecords;
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
                code.addStatement(store(batch, p.slots().get(0), row, v.type(), CodeBlock.of("$L", v.name())));
                continue;
            }
            List<RecordShape.Component> shipped = p.crossing().shipped();
            CodeBlock markNull = p.marker() == null ? CodeBlock.of("$L.markNullRecord($L)", batch, row)
                    : CodeBlock.of("$L = $T.NULL_RECORD", at(batch, p.marker(), row), RuntimeTypes.BATCH);
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
                code.addStatement(store(batch, p.slots().get(i), row, c.type().name(),
                        CodeBlock.of("$L.$L()", v.name(), c.accessor())));
            }
            code.nextControlFlow("else").addStatement(markNull).endControlFlow();
        }
        return code.build();
    }

    /**
     * Expressions reading each of {@link #vars} from row {@code row} of the local arrays
     * {@code refs}, {@code longs} and, where {@link #marksNullRecords}, {@code nullRecords}.
     */
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
            CodeBlock absent = p.marker() == null ? CodeBlock.of("nullRecords != null && nullRecords[$L]", row)
                    : CodeBlock.of("$L == $T.NULL_RECORD", at(null, p.marker(), row), RuntimeTypes.BATCH);
            reads.add(CodeBlock.of("$L ? null : new $T($L)", absent, p.var().type(), CodeBlock.join(args, ", ")));
        }
        return reads;
    }

    /** The statement writing {@code value} (of {@code type}) into its slot of row {@code row}. */
    private CodeBlock store(String batch, Slot slot, String row, TypeName type, CodeBlock value) {
        CodeBlock at = at(batch, slot, row);
        if (slot.ref()) {
            return CodeBlock.of("$L = $L", at, value);
        }
        if (slot.high()) {
            return CodeBlock.of("$L |= (long) $L << 32", at, Codec.toBits(type, value));
        }
        if (shared.contains(slot.index())) {
            return CodeBlock.of("$L = $L & 0xFFFFFFFFL", at, Codec.toBits(type, value));
        }
        return CodeBlock.of("$L = $L", at, Codec.encode(type, value, false));
    }

    private CodeBlock decode(TypeName type, Slot slot, String row) {
        CodeBlock read = at(null, slot, row);
        if (slot.ref()) {
            return CodeBlock.of("($T) $L", type, read);
        }
        if (slot.high()) {
            return Codec.fromBits(type, CodeBlock.of("(int) ($L >>> 32)", read));
        }
        if (shared.contains(slot.index())) {
            return Codec.fromBits(type, CodeBlock.of("(int) $L", read));
        }
        return Codec.decode(type, read);
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
