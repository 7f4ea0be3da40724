package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.runtime.PipelineResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W3 at N = 100,000 and parallelism 1, 2, 3: 65,536 int keys, each key's last running sum
 * equals the loop's sum (every element of a key reaches the same aggregate subtask, and the
 * sink is forward-connected to it); checksum and key count as WORKLOADS.md defines them.
 */
class W3Test {
    static PipelineResult run(int parallelism, Map<Integer, Long> lastSum) {
        return switch (parallelism) {
            case 1 -> RillW3_P1.create(() -> new W3.P1(lastSum)).run();
            case 2 -> RillW3_P2.create(() -> new W3.P2(lastSum)).run();
            case 3 -> RillW3_P3.create(() -> new W3.P3(lastSum)).run();
            default -> throw new IllegalArgumentException("no W3 pipeline of parallelism " + parallelism);
        };
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 3})
    void checksumMatchesThePlainLoop(int parallelism) {
        Map<Integer, Long> lastSum = new ConcurrentHashMap<>();
        PipelineResult result = run(parallelism, lastSum);

        assertEquals(Workloads.w3ExpectedKeys(Workloads.N), lastSum.size(), "number of keys");
        long[] expectedSums = Workloads.expectedW3Sums(Workloads.N);
        long wrongKeys = lastSum.entrySet().stream()
                .filter(entry -> entry.getValue() != expectedSums[entry.getKey()])
                .count();
        assertEquals(0, wrongKeys, "keys whose last sum differs from the loop's");
        assertEquals(Workloads.expectedW3Checksum(Workloads.N), Workloads.w3Checksum(lastSum), "W3 checksum");

        assertEquals(Workloads.N, result.stage("events").elementsOut(), "events out");
        assertEquals(Workloads.N, result.stage("sum").elementsIn(), "sum in");
        assertEquals(Workloads.N, result.stage("sum").elementsOut(), "sum out");
        assertEquals(Workloads.N, result.stage("last").elementsIn(), "last in");
    }
}
