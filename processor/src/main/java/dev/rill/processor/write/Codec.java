package dev.rill.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;

/**
 * How a primitive travels in a {@code long} slot (of a batch row or a keyed-state table)
 * without boxing: integers widen, booleans become 0/1, floating point keeps its bits.
 */
final class Codec {
    private Codec() {
    }

    /** {@code value} (of primitive {@code type}) as a long. Keys use canonical NaN bits so equal keys stay equal. */
    static CodeBlock encode(TypeName type, CodeBlock value, boolean asKey) {
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("($L ? 1L : 0L)", value);
        }
        if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("Double.$L($L)", asKey ? "doubleToLongBits" : "doubleToRawLongBits", value);
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("Float.$L($L)", asKey ? "floatToIntBits" : "floatToRawIntBits", value);
        }
        return value; // long, int, short, byte, char widen to long
    }

    /** The primitive of {@code type} back from the long expression {@code slot}. */
    static CodeBlock decode(TypeName type, CodeBlock slot) {
        if (type.equals(TypeName.LONG)) {
            return slot;
        }
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("$L != 0L", slot);
        }
        if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("Double.longBitsToDouble($L)", slot);
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("Float.intBitsToFloat((int) $L)", slot);
        }
        return CodeBlock.of("($T) $L", type, slot);
    }

    /**
     * Whether {@code type} is a primitive integer ({@code int}, {@code long}, {@code short},
     * {@code char}, {@code byte}), whose boxed {@code hashCode()} of a small non-negative value
     * is the value itself.
     */
    static boolean isInteger(TypeName type) {
        return type.equals(TypeName.INT) || type.equals(TypeName.LONG) || type.equals(TypeName.SHORT)
                || type.equals(TypeName.CHAR) || type.equals(TypeName.BYTE);
    }

    /** Whether a primitive of {@code type} fits in 32 bits, half a {@code long} slot of a row. */
    static boolean fitsInHalf(TypeName type) {
        return type.isPrimitive() && !type.equals(TypeName.LONG) && !type.equals(TypeName.DOUBLE);
    }

    /** {@code value} (of a primitive {@code type} that {@link #fitsInHalf fits in half a long}) as an int. */
    static CodeBlock toBits(TypeName type, CodeBlock value) {
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("($L ? 1 : 0)", value);
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("Float.floatToRawIntBits($L)", value);
        }
        return value; // int, short, byte, char widen to int
    }

    /** The primitive of {@code type} back from the int expression {@code bits} ({@link #toBits}). */
    static CodeBlock fromBits(TypeName type, CodeBlock bits) {
        if (type.equals(TypeName.INT)) {
            return bits;
        }
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("$L != 0", bits);
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("Float.intBitsToFloat($L)", bits);
        }
        return CodeBlock.of("($T) $L", type, bits);
    }

    /** A primitive key back from its long in a keyed-state table (see {@link #encode} with {@code asKey}). */
    static CodeBlock decodeKey(TypeName type, CodeBlock slot) {
        if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("Double.longBitsToDouble($L)", slot);
        }
        return decode(type, slot);
    }

    /** The zero a new key's accumulator starts at: {@code 0}, {@code false} or {@code null}. */
    static CodeBlock zero(TypeName type) {
        if (!type.isPrimitive()) {
            return CodeBlock.of("null");
        }
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("false");
        }
        if (type.equals(TypeName.LONG)) {
            return CodeBlock.of("0L");
        }
        if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("0.0");
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("0.0f");
        }
        if (type.equals(TypeName.CHAR)) {
            return CodeBlock.of("'\\0'");
        }
        return type.equals(TypeName.INT) ? CodeBlock.of("0") : CodeBlock.of("($T) 0", type);
    }

    /** The boxed type's static {@code hashCode}, so a primitive key hashes as Flink hashes its boxed form. */
    static CodeBlock hash(TypeName type, String key) {
        if (type.isPrimitive()) {
            return CodeBlock.of("$T.hashCode($L)", type.box(), key);
        }
        return CodeBlock.of("$L.hashCode()", key);
    }
}
