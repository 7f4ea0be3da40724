package dev.rill.it;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * W2 of WORKLOADS.md (color count) with sources at parallelism 1, 2 and 3 and the sink at 1.
 * The one sink subtask keeps the last count per color and counts the updates it received.
 */
final class W2 {
    private W2() {
    }

    /** What the single sink subtask saw. */
    static final class Results {
        final Map<String, Long> lastCount = new java.util.concurrent.ConcurrentHashMap<>();
        final LongAdder updates = new LongAdder();

        void accept(String color, long count) {
            lastCount.put(color, count);
            updates.increment();
        }
    }

    @Pipeline(parallelism = 1)
    static final class P1 {
        private final Results results;

        P1(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count) {
            results.accept(color, count);
        }
    }

    @Pipeline(parallelism = 2)
    static final class P2 {
        private final Results results;

        P2(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count) {
            results.accept(color, count);
        }
    }

    @Pipeline(parallelism = 3)
    static final class P3 {
        private final Results results;

        P3(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @Filter
        public boolean notOrange(Event e) {
            return Workloads.notOrange(e);
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count) {
            results.accept(color, count);
        }
    }
}
