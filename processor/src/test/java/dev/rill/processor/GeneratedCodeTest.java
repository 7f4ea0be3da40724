package dev.rill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties every generated class must have, checked on a pipeline that uses every feature. */
class GeneratedCodeTest {
    private static Compilation everything() {
        return Compilations.compile(Compilations.resource("dev.rill.shapes.Shapes", "Shapes.java"));
    }

    @Test
    void everyStageAndExchangeKindCompilesWithoutWarnings() {
        assertThat(everything()).succeededWithoutWarnings();
    }

    @Test
    void generatedCodeUsesNoReflection() {
        String code = Compilations.generated(everything(), "dev.rill.shapes.RillShapes_Everything");
        for (String forbidden : List.of("java.lang.reflect", "MethodHandle", "VarHandle", "Class.forName",
                "getDeclaredMethod", "getMethod(", ".invoke(")) {
            assertFalse(code.contains(forbidden), "generated code contains " + forbidden);
        }
        // no lambdas: outside comments and the plan's string literal, no arrow
        code.lines().map(String::trim)
                .filter(line -> !line.startsWith("*") && !line.startsWith("/") && !line.contains("\""))
                .forEach(line -> assertFalse(line.contains("->"), "lambda in generated code: " + line));
    }

    @Test
    void primitiveKeysAndAccumulatorsUseUnboxedState() {
        String code = Compilations.generated(everything(), "dev.rill.shapes.RillShapes_Everything");
        // int key, reference accumulator; double key (canonical bits), boolean accumulator
        assertTrue(code.contains("LongKeyRefState<Shapes.Trade> largestState"), code);
        assertTrue(code.contains("LongKeyLongState seenState"), code);
        assertTrue(code.contains("seenState.indexOf(Double.doubleToLongBits(key))"), code);
        assertTrue(code.contains("RefKeyRefState<String, List<Integer>> sizesState"), code);
        assertFalse(code.contains("Long.valueOf") || code.contains("Integer.valueOf"), "boxing in generated code");
    }

    @Test
    void planNamesEveryChainAndExchange() {
        String code = Compilations.generated(everything(), "dev.rill.shapes.RillShapes_Everything");
        assertTrue(code.contains("chain TradesChain, parallelism 3"), code);
        assertTrue(code.contains("chain MoreTradesChain, parallelism 1"), code);
        assertTrue(code.contains("bucket [key by] => hash to largest"), code);
        assertTrue(code.contains("sizes [aggregate] => rebalance to bySymbol"), code);
        assertTrue(code.contains("seen [aggregate] => broadcast to flags"), code);
        assertTrue(code.contains("priceKey [key by] => hash to biggest, pre-aggregated per key and window"), code);
        assertTrue(code.contains("biggest [aggregate, sliding window 10 ms every 5 ms, merge larger]"), code);
    }

    @Test
    void aPreAggregatingChainHoldsItsWatermarkAndFlushesAtTheEnd() {
        String code = Compilations.generated(everything(), "dev.rill.shapes.RillShapes_Everything");
        // the chain making the partials holds its watermark below them, and sends the rest when its input ends
        assertTrue(code.contains("watermark = priceKeyToBiggestPartials.size() == 0 ? watermark"
                + " : Math.min(watermark, priceKeyToBiggestPartials.end(0) - 2);"), code);
        assertTrue(code.contains("protected void endOfInput() {"), code);
        assertTrue(code.contains("flushPriceKeyToBiggest(Long.MAX_VALUE);"), code);
        // the windowed stage merges with the instance method, the key unboxed
        assertTrue(code.contains("acc = pipeline.larger(table.value(slot), partial);"), code);
        assertTrue(code.contains("private void onBiggest(double key, Shapes.Trade partial, long start, long lateWeight)"), code);
    }
}
