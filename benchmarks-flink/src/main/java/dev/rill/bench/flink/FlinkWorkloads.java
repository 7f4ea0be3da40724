package dev.rill.bench.flink;

import dev.rill.bench.Event;
import dev.rill.bench.Events;
import dev.rill.bench.W2Result;
import dev.rill.bench.W3Result;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * W1-W3 as a Flink user would write them with the DataStream API: a local environment (a
 * MiniCluster in this JVM) with object reuse on, {@code fromSequence} split over the source
 * subtasks and mapped to {@link Events#event(long)} (so events are created as they are
 * emitted, as in every Rill variant), Flink's own keyed running aggregation
 * ({@code keyBy(...).sum(1)}, which emits the running value after every element), and a
 * last operator that keeps what the workload's sink keeps and hands it over when it closes.
 * The outputs are order-insensitive (running counts and sums per key end at the totals), so
 * how {@code fromSequence} orders its splits does not matter.
 */
public final class FlinkWorkloads {
    private FlinkWorkloads() {
    }

    static StreamExecutionEnvironment env(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        return env;
    }

    // ------------------------------------------------------------------ W1

    private static final LongAdder W1_SUM = new LongAdder();

    public static long w1(long n) throws Exception {
        W1_SUM.reset();
        StreamExecutionEnvironment env = env(1);
        env.fromSequence(0, n - 1)
                .map(Events::event).returns(Event.class)
                .filter(Events::notOrange)
                .map(Events::weight).returns(Types.LONG)
                .process(new W1Sink()).returns(Types.VOID)
                .sinkTo(new DiscardingSink<>());
        env.execute("W1");
        return W1_SUM.sum();
    }

    static final class W1Sink extends ProcessFunction<Long, Void> {
        private long sum;

        @Override
        public void processElement(Long value, Context ctx, Collector<Void> out) {
            sum += value;
        }

        @Override
        public void close() {
            W1_SUM.add(sum);
        }
    }

    // ------------------------------------------------------------------ W2

    private static final ConcurrentLinkedQueue<W2Sink> W2_SINKS = new ConcurrentLinkedQueue<>();

    public static W2Result w2(long n) throws Exception {
        W2_SINKS.clear();
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, n - 1)
                .map(Events::event).returns(Event.class)
                .filter(Events::notOrange)
                .map(e -> Tuple2.of(e.color(), 1L)).returns(Types.TUPLE(Types.STRING, Types.LONG))
                .keyBy(t -> t.f0, Types.STRING)
                .sum(1)
                .process(new W2Sink()).returns(Types.VOID).setParallelism(1)
                .sinkTo(new DiscardingSink<>()).setParallelism(1);
        env.execute("W2");
        Map<String, Long> counts = new HashMap<>();
        long updates = 0;
        for (W2Sink s : W2_SINKS) {
            counts.putAll(s.last);
            updates += s.updates;
        }
        return new W2Result(counts, updates);
    }

    static final class W2Sink extends ProcessFunction<Tuple2<String, Long>, Void> {
        private final Map<String, Long> last = new HashMap<>();
        private long updates;

        @Override
        public void processElement(Tuple2<String, Long> t, Context ctx, Collector<Void> out) {
            last.put(t.f0, t.f1);
            updates++;
        }

        @Override
        public void close() {
            W2_SINKS.add(this);
        }
    }

    // ------------------------------------------------------------------ W3

    private static final ConcurrentLinkedQueue<W3Sink> W3_SINKS = new ConcurrentLinkedQueue<>();

    public static W3Result w3(long n) throws Exception {
        W3_SINKS.clear();
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, n - 1)
                .map(Events::event).returns(Event.class)
                .map(e -> Tuple2.of(Events.w3Key(e), (long) e.value())).returns(Types.TUPLE(Types.INT, Types.LONG))
                .keyBy(t -> t.f0, Types.INT)
                .sum(1)
                .process(new W3Sink()).returns(Types.VOID)
                .sinkTo(new DiscardingSink<>());
        env.execute("W3");
        long[] sums = new long[Events.W3_KEYS];
        boolean[] seen = new boolean[Events.W3_KEYS];
        for (W3Sink s : W3_SINKS) {
            for (int k = 0; k < Events.W3_KEYS; k++) {
                if (s.seen[k]) {
                    sums[k] = s.last[k];
                    seen[k] = true;
                }
            }
        }
        return W3Result.of(sums, seen);
    }

    static final class W3Sink extends ProcessFunction<Tuple2<Integer, Long>, Void> {
        private final long[] last = new long[Events.W3_KEYS];
        private final boolean[] seen = new boolean[Events.W3_KEYS];

        @Override
        public void processElement(Tuple2<Integer, Long> t, Context ctx, Collector<Void> out) {
            int key = t.f0;
            last[key] = t.f1;
            seen[key] = true;
        }

        @Override
        public void close() {
            W3_SINKS.add(this);
        }
    }

    /** The smallest job: what starting and stopping a local Flink job costs, whatever it does. */
    public static void emptyJob() throws Exception {
        StreamExecutionEnvironment env = env(1);
        env.fromSequence(0, 0).sinkTo(new DiscardingSink<>());
        env.execute("empty");
    }
}
