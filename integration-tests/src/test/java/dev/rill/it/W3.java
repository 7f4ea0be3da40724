package dev.rill.it;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.Map;

/**
 * W3 of WORKLOADS.md (high-cardinality keyed sum, primitive int key, long accumulator) with
 * every stage at parallelism 1, 2 or 3. Sink subtasks share one ConcurrentHashMap holding the
 * last sum per key.
 */
final class W3 {
    private W3() {
    }

    @Pipeline(parallelism = 1)
    static final class P1 {
        private final Map<Integer, Long> lastSum;

        P1(Map<Integer, Long> lastSum) {
            this.lastSum = lastSum;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @KeyBy
        public int key(Event e) {
            return Workloads.w3Key(e);
        }

        @Aggregate
        public long sum(long sum, Event e) {
            return sum + e.value();
        }

        @Sink
        public void last(int key, long sum) {
            lastSum.put(key, sum);
        }
    }

    @Pipeline(parallelism = 2)
    static final class P2 {
        private final Map<Integer, Long> lastSum;

        P2(Map<Integer, Long> lastSum) {
            this.lastSum = lastSum;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @KeyBy
        public int key(Event e) {
            return Workloads.w3Key(e);
        }

        @Aggregate
        public long sum(long sum, Event e) {
            return sum + e.value();
        }

        @Sink
        public void last(int key, long sum) {
            lastSum.put(key, sum);
        }
    }

    @Pipeline(parallelism = 3)
    static final class P3 {
        private final Map<Integer, Long> lastSum;

        P3(Map<Integer, Long> lastSum) {
            this.lastSum = lastSum;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @KeyBy
        public int key(Event e) {
            return Workloads.w3Key(e);
        }

        @Aggregate
        public long sum(long sum, Event e) {
            return sum + e.value();
        }

        @Sink
        public void last(int key, long sum) {
            lastSum.put(key, sum);
        }
    }
}
