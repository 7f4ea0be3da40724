package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each part of an exchanged element sits in a batch row: references in
 * {@code batch.refs}, primitives in {@code batch.longs}, so nothing is boxed on the way.
 */
final class RowLayout {
    private final List<Var> vars;
    private final List<Integer> slots = new ArrayList<>();
    private final List<Boolean> isRef = new ArrayList<>();
    private final int refWidth;
    private final int longWidth;

    RowLayout(List<Var> vars) {
        this.vars = List.copyOf(vars);
        int refs = 0;
        int longs = 0;
        for (Var v : vars) {
            boolean ref = !v.type().isPrimitive();
            isRef.add(ref);
            slots.add(ref ? refs++ : longs++);
        }
        this.refWidth = refs;
        this.longWidth = longs;
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

    /** Statements writing {@link #vars} into row {@code row} of {@code batch}. */
    CodeBlock write(String batch, String row) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (int i = 0; i < vars.size(); i++) {
            Var v = vars.get(i);
            if (isRef.get(i)) {
                code.addStatement("$L.refs[$L] = $L", batch, index(refWidth, slots.get(i), row), v.name());
            } else {
                code.addStatement("$L.longs[$L] = $L", batch, index(longWidth, slots.get(i), row),
                        Codec.encode(v.type(), CodeBlock.of("$L", v.name()), false));
            }
        }
        return code.build();
    }

    /** Expressions reading each of {@link #vars} from row {@code row} of the local arrays {@code refs} and {@code longs}. */
    List<CodeBlock> read(String row) {
        List<CodeBlock> reads = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            TypeName type = vars.get(i).type();
            if (isRef.get(i)) {
                reads.add(CodeBlock.of("($T) refs[$L]", type, index(refWidth, slots.get(i), row)));
            } else {
                reads.add(Codec.decode(type, CodeBlock.of("longs[$L]", index(longWidth, slots.get(i), row))));
            }
        }
        return reads;
    }

    private static String index(int width, int slot, String row) {
        if (width == 1) {
            return row;
        }
        return width + " * " + row + (slot == 0 ? "" : " + " + slot);
    }
}
