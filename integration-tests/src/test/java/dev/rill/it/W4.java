package dev.rill.it;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.EventTime;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Window;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * W4 of WORKLOADS.md (tumbling event-time window of 1,000 ms, count per color) with sources
 * at parallelism 1, 2 and 3 and the sink at 1. The sink records every (start, color, count).
 */
final class W4 {
    private W4() {
    }

    /** One fired window of one color. */
    record Count(long windowStart, String color, long count) {
    }

    static final class Results {
        final List<Count> fired = new CopyOnWriteArrayList<>();

        void accept(String color, long count, TimeWindow window) {
            if (window.end() - window.start() != 1_000) {
                throw new AssertionError("window of the wrong size: " + window);
            }
            fired.add(new Count(window.start(), color, count));
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

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.accept(color, count, window);
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

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.accept(color, count, window);
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

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.accept(color, count, window);
        }
    }

    // The same with merge: each source subtask pre-aggregates before the exchange.

    @Pipeline(parallelism = 1)
    static class Merged1 {
        private final Results results;

        Merged1(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.accept(color, count, window);
        }

        static long sum(long a, long b) {
            return a + b;
        }
    }

    @Pipeline(parallelism = 2)
    static class Merged2 {
        private final Results results;

        Merged2(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.accept(color, count, window);
        }

        static long sum(long a, long b) {
            return a + b;
        }
    }

    @Pipeline(parallelism = 3)
    static class Merged3 {
        private final Results results;

        Merged3(Results results) {
            this.results = results;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, Workloads.N, out);
        }

        @EventTime
        public long time(Event e) {
            return e.timestamp();
        }

        @KeyBy
        public String color(Event e) {
            return e.color();
        }

        @Aggregate(merge = "sum")
        @Window(size = 1_000)
        public long count(long count, Event e) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String color, long count, TimeWindow window) {
            results.accept(color, count, window);
        }

        static long sum(long a, long b) {
            return a + b;
        }
    }
}
