package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.runtime.PipelineResult;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W1 at N = 100,000 and parallelism 1, 2, 3: the sum equals the plain loop's exactly (no
 * element lost or duplicated by the fused chain), and the per-stage metrics count what the
 * loop counts.
 */
class W1Test {
    static PipelineResult run(int parallelism, LongAdder sum) {
        return switch (parallelism) {
            case 1 -> RillW1_P1.create(() -> new W1.P1(sum)).run();
            case 2 -> RillW1_P2.create(() -> new W1.P2(sum)).run();
            case 3 -> RillW1_P3.create(() -> new W1.P3(sum)).run();
            default -> throw new IllegalArgumentException("no W1 pipeline of parallelism " + parallelism);
        };
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 3})
    void sumMatchesThePlainLoop(int parallelism) {
        LongAdder sum = new LongAdder();
        PipelineResult result = run(parallelism, sum);

        assertEquals(Workloads.expectedW1Sum(Workloads.N), sum.sum(), "W1 sum");

        long kept = Workloads.expectedNonOrange(Workloads.N);
        assertEquals(Workloads.N, result.stage("events").elementsOut(), "events out");
        assertEquals(Workloads.N, result.stage("notOrange").elementsIn(), "notOrange in");
        assertEquals(kept, result.stage("notOrange").elementsOut(), "notOrange out");
        assertEquals(kept, result.stage("weight").elementsOut(), "weight out");
        assertEquals(kept, result.stage("sum").elementsIn(), "sum in");
    }
}
