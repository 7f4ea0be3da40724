package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SPEC 3: describe() returns the job graph. For W2 (parallelism 2, sink 1) it must mention every
 * stage by its method name, the hash exchange after the key-by and the rebalance exchange into
 * the single sink.
 */
class DescribeTest {
    @Test
    void w2PlanNamesEveryStageAndExchange() {
        String plan = RillW2_P2.describe();
        for (String stage : new String[] {"events", "notOrange", "color", "count", "results"}) {
            assertTrue(plan.contains(stage), "plan mentions " + stage + ":\n" + plan);
        }
        assertTrue(plan.contains("hash"), "plan mentions the hash exchange:\n" + plan);
        assertTrue(plan.contains("rebalance"), "plan mentions the rebalance exchange:\n" + plan);
    }
}
