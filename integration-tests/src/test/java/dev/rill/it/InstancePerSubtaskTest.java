package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2: each parallel subtask of each fused stage (chain) gets its own instance from the
 * factory. The factory is called exactly (sum over chains of their parallelism) times, as
 * describe() lists the chains; with the SPEC's fusion rules that is 2 (events+notOrange+color)
 * + 3 (count) + 1 (results) = 6. Each instance is only ever used by one thread, and each
 * stage is run by as many distinct instances as its parallelism.
 */
class InstancePerSubtaskTest {
    static final long N = 10_000;

    @Pipeline(parallelism = 2)
    static class Counted {
        private final Map<String, Set<Object>> instancesPerStage;
        private final AtomicBoolean sharedAcrossThreads;
        private Thread owner;

        Counted(Map<String, Set<Object>> instancesPerStage, AtomicBoolean sharedAcrossThreads) {
            this.instancesPerStage = instancesPerStage;
            this.sharedAcrossThreads = sharedAcrossThreads;
        }

        /** Records that this instance ran stage {@code stage}, and whether another thread used it before. */
        private void used(String stage) {
            Thread current = Thread.currentThread();
            if (owner == null) {
                owner = current;
            } else if (owner != current) {
                sharedAcrossThreads.set(true);
            }
            instancesPerStage.computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet()).add(this);
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            used("events");
            Workloads.emitRange(ctx, N, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            used("notOrange");
            return Workloads.notOrange(e);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(parallelism = 3)
        public long count(long count, Event e) {
            used("count");
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count) {
            used("results");
        }
    }

    /** Sum of "chain X, parallelism P" over the plan's chains. */
    static int subtasksInPlan(String plan) {
        Matcher m = Pattern.compile("(?m)^chain \\S+, parallelism (\\d+)").matcher(plan);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1));
        }
        return total;
    }

    @Test
    void oneInstancePerSubtaskOfEveryChain() {
        AtomicInteger factoryCalls = new AtomicInteger();
        Map<String, Set<Object>> instancesPerStage = new ConcurrentHashMap<>();
        AtomicBoolean sharedAcrossThreads = new AtomicBoolean();
        RillInstancePerSubtaskTest_Counted.create(() -> {
            factoryCalls.incrementAndGet();
            return new Counted(instancesPerStage, sharedAcrossThreads);
        }).run();

        String plan = RillInstancePerSubtaskTest_Counted.describe();
        assertEquals(subtasksInPlan(plan), factoryCalls.get(), "factory calls vs the plan:\n" + plan);
        assertEquals(6, subtasksInPlan(plan), "subtasks the SPEC's fusion rules give:\n" + plan);

        assertEquals(2, instancesPerStage.get("events").size(), "instances running events");
        assertEquals(instancesPerStage.get("events"), instancesPerStage.get("notOrange"),
                "notOrange is fused into the events chain: same instances");
        assertEquals(3, instancesPerStage.get("count").size(), "instances running count");
        assertEquals(1, instancesPerStage.get("results").size(), "instances running results");
        Set<Object> all = new java.util.HashSet<>(instancesPerStage.get("events"));
        all.addAll(instancesPerStage.get("count"));
        all.addAll(instancesPerStage.get("results"));
        assertEquals(6, all.size(), "chains share no instance");
        assertFalse(sharedAcrossThreads.get(), "an instance was used by two threads");
    }
}
