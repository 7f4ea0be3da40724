package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, round-robin exchanges: (1) @Rebalance at unchanged parallelism, where only source
 * subtask 0 emits, so a forward connection would leave subtask 1 idle; (2) a parallelism change
 * 1 -> 3 with no annotation. In both every element arrives exactly once and every downstream
 * subtask (told apart by a per-instance id) receives at least one.
 */
class RebalanceTest {
    static final int N = 3_000;

    @Pipeline(parallelism = 2)
    static class Rebalanced {
        private final int instance;
        private final Queue<long[]> received;

        Rebalanced(AtomicInteger ids, Queue<long[]> received) {
            this.instance = ids.getAndIncrement();
            this.received = received;
        }

        /** Only subtask 0 emits. */
        @Source
        public void numbers(SourceContext ctx, Emitter<Long> out) {
            if (ctx.subtaskIndex() == 0) {
                for (long i = 0; i < N; i++) {
                    out.emit(i);
                }
            }
        }

        @Transform
        @Rebalance
        public long spread(long value) {
            return value;
        }

        /** Fused with spread: runs in the same instance as the subtask that received the element. */
        @Sink
        public void record(long value) {
            received.add(new long[] {instance, value});
        }
    }

    @Pipeline
    static class Widening {
        private final int instance;
        private final Queue<long[]> received;

        Widening(AtomicInteger ids, Queue<long[]> received) {
            this.instance = ids.getAndIncrement();
            this.received = received;
        }

        @Source
        public void numbers(Emitter<Long> out) {
            for (long i = 0; i < N; i++) {
                out.emit(i);
            }
        }

        @Sink(parallelism = 3)
        public void record(long value) {
            received.add(new long[] {instance, value});
        }
    }

    /** Each value 0..N-1 once; returns deliveries per instance id. */
    private static Map<Long, Integer> checkExactlyOnce(Queue<long[]> received) {
        int[] times = new int[N];
        Map<Long, Integer> perInstance = new HashMap<>();
        for (long[] r : received) {
            times[(int) r[1]]++;
            perInstance.merge(r[0], 1, Integer::sum);
        }
        for (int i = 0; i < N; i++) {
            assertEquals(1, times[i], "times element " + i + " arrived");
        }
        return perInstance;
    }

    @Test
    void rebalanceSpreadsOverAllSubtasks() {
        Queue<long[]> received = new ConcurrentLinkedQueue<>();
        AtomicInteger ids = new AtomicInteger();
        RillRebalanceTest_Rebalanced.create(() -> new Rebalanced(ids, received)).run();

        Map<Long, Integer> perInstance = checkExactlyOnce(received);
        assertEquals(2, perInstance.size(), "downstream subtasks that received elements: " + perInstance);
        perInstance.values().forEach(n -> assertTrue(n > 0));
    }

    @Test
    void parallelismChangeSpreadsOverAllSubtasks() {
        Queue<long[]> received = new ConcurrentLinkedQueue<>();
        AtomicInteger ids = new AtomicInteger();
        RillRebalanceTest_Widening.create(() -> new Widening(ids, received)).run();

        Map<Long, Integer> perInstance = checkExactlyOnce(received);
        assertEquals(3, perInstance.size(), "downstream subtasks that received elements: " + perInstance);
        perInstance.values().forEach(n -> assertTrue(n > 0));
    }
}
