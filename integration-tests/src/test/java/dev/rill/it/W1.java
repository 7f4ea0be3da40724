package dev.rill.it;

import dev.rill.annotation.Filter;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.concurrent.atomic.LongAdder;

/**
 * W1 of WORKLOADS.md (filter, transform, sum) at parallelism 1, 2 and 3. Parallelism is a
 * compile-time annotation value, hence one class per value; each delegates to the shared
 * static helpers below. Every sink subtask adds into the one LongAdder passed in.
 */
final class W1 {
    private W1() {
    }

    static void events(SourceContext ctx, Emitter<Event> out) {
        Workloads.emitRange(ctx, Workloads.N, out);
    }

    static long weight(Event e) {
        return e.value() * 3L + 1;
    }

    @Pipeline(parallelism = 1)
    static class P1 {
        private final LongAdder sum;

        P1(LongAdder sum) {
            this.sum = sum;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            W1.events(ctx, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @Transform
        public long weight(Event e) {
            return W1.weight(e);
        }

        @Sink
        public void sum(long v) {
            sum.add(v);
        }
    }

    @Pipeline(parallelism = 2)
    static class P2 {
        private final LongAdder sum;

        P2(LongAdder sum) {
            this.sum = sum;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            W1.events(ctx, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @Transform
        public long weight(Event e) {
            return W1.weight(e);
        }

        @Sink
        public void sum(long v) {
            sum.add(v);
        }
    }

    @Pipeline(parallelism = 3)
    static class P3 {
        private final LongAdder sum;

        P3(LongAdder sum) {
            this.sum = sum;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            W1.events(ctx, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @Transform
        public long weight(Event e) {
            return W1.weight(e);
        }

        @Sink
        public void sum(long v) {
            sum.add(v);
        }
    }
}
