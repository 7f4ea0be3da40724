package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.runtime.PipelineResult;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W2 at N = 100,000, sources at parallelism 1, 2, 3, sink at 1: the final count per color
 * equals the plain loop's (hash exchange sends each color to one aggregate subtask, and the
 * merge into the single sink keeps per-channel order, so the last update is the final count);
 * the sink receives exactly one update per non-orange event; metrics agree.
 */
class W2Test {
    static PipelineResult run(int parallelism, W2.Results results) {
        return switch (parallelism) {
            case 1 -> RillW2_P1.create(() -> new W2.P1(results)).run();
            case 2 -> RillW2_P2.create(() -> new W2.P2(results)).run();
            case 3 -> RillW2_P3.create(() -> new W2.P3(results)).run();
            default -> throw new IllegalArgumentException("no W2 pipeline of parallelism " + parallelism);
        };
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 3})
    void countsMatchThePlainLoop(int parallelism) {
        W2.Results results = new W2.Results();
        PipelineResult result = run(parallelism, results);

        Map<String, Long> expected = Workloads.expectedW2Counts(Workloads.N);
        long kept = Workloads.expectedNonOrange(Workloads.N);
        assertEquals(4, expected.size(), "the loop sees four non-orange colors");
        assertEquals(expected, results.lastCount, "final count per color");
        assertEquals(kept, results.updates.sum(), "updates the sink received");

        assertEquals(Workloads.N, result.stage("events").elementsOut(), "events out");
        assertEquals(kept, result.stage("notOrange").elementsOut(), "notOrange out");
        assertEquals(kept, result.stage("count").elementsIn(), "count in");
        assertEquals(kept, result.stage("count").elementsOut(), "count out");
        assertEquals(kept, result.stage("results").elementsIn(), "results in");
    }
}
