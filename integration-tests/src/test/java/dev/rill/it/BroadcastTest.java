package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Broadcast;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, @Broadcast: every downstream subtask gets every element. With 3 sink subtasks each of
 * the N elements must arrive exactly 3 times, once at each subtask. A subtask is told apart by
 * the id its pipeline instance got at construction (one instance per subtask).
 */
class BroadcastTest {
    static final int N = 1_000;

    @Pipeline
    static class Broadcasting {
        private final int instance;
        private final Queue<long[]> received;

        Broadcasting(AtomicInteger ids, Queue<long[]> received) {
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
        @Broadcast
        public void everywhere(long value) {
            received.add(new long[] {instance, value});
        }
    }

    @Test
    void everySubtaskGetsEveryElementOnce() {
        Queue<long[]> received = new ConcurrentLinkedQueue<>();
        AtomicInteger ids = new AtomicInteger();
        RillBroadcastTest_Broadcasting.create(() -> new Broadcasting(ids, received)).run();

        Map<Long, Set<Long>> instancesPerValue = new HashMap<>();
        Set<Long> sinkInstances = new HashSet<>();
        for (long[] r : received) {
            instancesPerValue.computeIfAbsent(r[1], v -> new HashSet<>()).add(r[0]);
            sinkInstances.add(r[0]);
        }
        assertEquals(3L * N, received.size(), "deliveries: N elements times 3 subtasks");
        assertEquals(3, sinkInstances.size(), "distinct sink subtasks that received elements");
        assertEquals(N, instancesPerValue.size(), "distinct elements received");
        for (long v = 0; v < N; v++) {
            assertEquals(sinkInstances, instancesPerValue.get(v), "subtasks that received " + v);
        }
    }
}
