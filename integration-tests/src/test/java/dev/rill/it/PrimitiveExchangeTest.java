package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2: primitive elements (long, double, boolean) cross exchanges intact. A transform at
 * parallelism 1 produces the primitive, a sink at parallelism 2 (a round-robin exchange)
 * consumes it; and a long element goes through a hash exchange keyed by a long. Sums and
 * counts must equal the loop's (the doubles are multiples of 0.5, so their sum is exact in
 * any order).
 */
class PrimitiveExchangeTest {
    static final long N = 20_000;

    @Pipeline
    static class Longs {
        private final LongAdder sum;
        private final LongAdder count;

        Longs(LongAdder sum, LongAdder count) {
            this.sum = sum;
            this.count = count;
        }

        @Source
        public void events(Emitter<Event> out) {
            for (long i = 0; i < N; i++) {
                out.emit(Workloads.event(i));
            }
        }

        @Transform
        public long weight(Event e) {
            return e.value() * 3L + 1;
        }

        @Sink(parallelism = 2)
        public void add(long v) {
            sum.add(v);
            count.increment();
        }
    }

    @Pipeline
    static class Doubles {
        private final DoubleAdder sum;
        private final LongAdder count;

        Doubles(DoubleAdder sum, LongAdder count) {
            this.sum = sum;
            this.count = count;
        }

        @Source
        public void events(Emitter<Event> out) {
            for (long i = 0; i < N; i++) {
                out.emit(Workloads.event(i));
            }
        }

        @Transform
        public double half(Event e) {
            return e.value() * 0.5;
        }

        @Sink(parallelism = 2)
        public void add(double v) {
            sum.add(v);
            count.increment();
        }
    }

    @Pipeline
    static class Booleans {
        private final LongAdder trues;
        private final LongAdder count;

        Booleans(LongAdder trues, LongAdder count) {
            this.trues = trues;
            this.count = count;
        }

        @Source
        public void events(Emitter<Event> out) {
            for (long i = 0; i < N; i++) {
                out.emit(Workloads.event(i));
            }
        }

        @Transform
        public boolean isRed(Event e) {
            return e.color().equals("red");
        }

        @Sink(parallelism = 2)
        public void add(boolean red) {
            if (red) {
                trues.increment();
            }
            count.increment();
        }
    }

    @Pipeline(parallelism = 2)
    static class LongKeyed {
        private final Map<Long, Long> last;

        LongKeyed(Map<Long, Long> last) {
            this.last = last;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Transform
        public long value(Event e) {
            return e.value();
        }

        @KeyBy
        public long bucket(long v) {
            return v % 7;
        }

        @Aggregate
        public long sum(long sum, long v) {
            return sum + v;
        }

        @Sink
        public void results(long bucket, long sum) {
            last.put(bucket, sum);
        }
    }

    @Test
    void longElementsCrossARoundRobinExchange() {
        LongAdder sum = new LongAdder();
        LongAdder count = new LongAdder();
        PipelineResult result = RillPrimitiveExchangeTest_Longs.create(() -> new Longs(sum, count)).run();

        long expected = 0;
        for (long i = 0; i < N; i++) {
            expected += Workloads.event(i).value() * 3L + 1;
        }
        assertEquals(N, count.sum(), "elements the sinks got");
        assertEquals(expected, sum.sum(), "sum");
        assertEquals(N, result.stage("add").elementsIn());
    }

    @Test
    void doubleElementsCrossARoundRobinExchange() {
        DoubleAdder sum = new DoubleAdder();
        LongAdder count = new LongAdder();
        RillPrimitiveExchangeTest_Doubles.create(() -> new Doubles(sum, count)).run();

        double expected = 0;
        for (long i = 0; i < N; i++) {
            expected += Workloads.event(i).value() * 0.5;
        }
        assertEquals(N, count.sum(), "elements the sinks got");
        assertEquals(expected, sum.sum(), "sum");
    }

    @Test
    void booleanElementsCrossARoundRobinExchange() {
        LongAdder trues = new LongAdder();
        LongAdder count = new LongAdder();
        RillPrimitiveExchangeTest_Booleans.create(() -> new Booleans(trues, count)).run();

        long expected = 0;
        for (long i = 0; i < N; i++) {
            if (Workloads.event(i).color().equals("red")) {
                expected++;
            }
        }
        assertEquals(N, count.sum(), "elements the sinks got");
        assertEquals(expected, trues.sum(), "true elements");
    }

    @Test
    void longElementsCrossAHashExchangeByLongKey() {
        Map<Long, Long> last = new ConcurrentHashMap<>();
        RillPrimitiveExchangeTest_LongKeyed.create(() -> new LongKeyed(last)).run();

        Map<Long, Long> expected = new HashMap<>();
        for (long i = 0; i < N; i++) {
            long v = Workloads.event(i).value();
            expected.merge(v % 7, v, Long::sum);
        }
        assertEquals(expected, last);
    }
}
