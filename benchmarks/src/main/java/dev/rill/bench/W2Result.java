package dev.rill.bench;

import java.util.Map;
import java.util.TreeMap;

/** W2's output: the last count per color and the number of updates the sink received. */
public record W2Result(Map<String, Long> counts, long updates) {
    public W2Result {
        counts = new TreeMap<>(counts);
    }
}
