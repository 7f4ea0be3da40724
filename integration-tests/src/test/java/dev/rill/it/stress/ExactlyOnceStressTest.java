package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rill.annotation.Broadcast;
import dev.rill.annotation.Filter;
import dev.rill.annotation.From;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.exchange.KeyGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC 2 and 5: no loss, no duplicate, order kept per channel, across every exchange kind.
 * Each element is a {@link Rec} (source subtask, sequence number, and the subtask of a middle
 * stage if the shape has one); each sink subtask records what it received, and afterwards the
 * records are checked element by element:
 * <ul>
 *   <li>exactly once: every element each source emitted (and the filter kept) arrives once in
 *       all (broadcast: once at each downstream subtask), and nothing else arrives;</li>
 *   <li>order per channel: for each path (source subtask, middle subtask, sink subtask) the
 *       sequence numbers arrive strictly increasing;</li>
 *   <li>routing: forward and pointwise stay on subtask i; hash sends each key to
 *       {@link KeyGroups#subtask}; round-robin spreads each upstream subtask's elements
 *       evenly (counts differ by at most one).</li>
 * </ul>
 * Randomized with a fixed seed within fixed compiled shapes (parallelism is a compile-time
 * value): per round, random sizes per source subtask (sometimes 0), a random number of keys and
 * a random filter.
 */
class ExactlyOnceStressTest {
    static final long SEED = 20_240_606L;
    static final int ROUNDS = 8;
    static final int MAX_PER_SUBTASK = 50_000;
    static final int MAX_PARALLELISM = KeyGroups.DEFAULT_MAX_PARALLELISM;

    /** One round's parameters, read by the stage methods. */
    static final class Plan {
        final long[] sizes;   // elements per source subtask, by src (source b's subtasks at 10 + i)
        final int keys;
        final int dropMod;    // 0: keep all; else drop seq % dropMod == 1

        Plan(long[] sizes, int keys, int dropMod) {
            this.sizes = sizes;
            this.keys = keys;
            this.dropMod = dropMod;
        }

        boolean kept(long seq) {
            return dropMod == 0 || seq % dropMod != 1;
        }
    }

    static volatile Plan plan;
    static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

    /** What one sink subtask received, in order. */
    static final class Received {
        final int subtask = StressThreads.currentSubtask();
        final List<Rec> recs = new ArrayList<>();
    }

    /** The per-instance recorder and hop stamp every shape uses. */
    abstract static class Recording {
        private Received received;
        private int hop = -1;

        final void record(Rec r) {
            if (received == null) {
                received = new Received();
                RECEIVED.add(received);
            }
            received.recs.add(r);
        }

        final Rec stamp(Rec r) {
            if (hop < 0) {
                hop = StressThreads.currentSubtask();
            }
            return r.withHop(hop);
        }
    }

    static void emit(int src, SourceContext ctx, Emitter<Rec> out) {
        long n = plan.sizes[src];
        for (long i = 0; i < n; i++) {
            out.emit(new Rec(src, i, -1));
        }
    }

    static int keyOf(Rec r) {
        long h = r.seq() * 0x9E3779B97F4A7C15L + r.src();
        h ^= h >>> 29;
        return (int) Long.remainderUnsigned(h * 0xBF58476D1CE4E5B9L, plan.keys);
    }

    /** Forward: everything fused into one chain per subtask. */
    @Pipeline(parallelism = 3)
    static class Forward extends Recording {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @Transform
        public Rec hop(Rec r) {
            return stamp(r);
        }

        @Filter
        public boolean keep(Rec r) {
            return plan.kept(r.seq());
        }

        @Sink
        public void sink(Rec r) {
            record(r);
        }
    }

    /** Hash: 2 sources, key by, a sink of 3. */
    @Pipeline(parallelism = 2)
    static class Hash extends Recording {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @Filter
        public boolean keep(Rec r) {
            return plan.kept(r.seq());
        }

        @KeyBy
        public int key(Rec r) {
            return keyOf(r);
        }

        @Sink(parallelism = 3)
        public void sink(Rec r) {
            record(r);
        }
    }

    /** Rebalance at equal parallelism (3 => 2 is a change; this one is 3 => 3), the sink fused behind it. */
    @Pipeline(parallelism = 3)
    static class Rebalanced extends Recording {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @Transform
        @Rebalance
        public Rec hop(Rec r) {
            return stamp(r);
        }

        @Sink
        public void sink(Rec r) {
            record(r);
        }
    }

    /** Round-robin from a parallelism change: 2 sources, a sink of 3. */
    @Pipeline(parallelism = 2)
    static class Spread extends Recording {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @Sink(parallelism = 3)
        public void sink(Rec r) {
            record(r);
        }
    }

    /** Broadcast: 2 sources, every one of 3 sink subtasks gets everything. */
    @Pipeline(parallelism = 2)
    static class Broadcasting extends Recording {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @Sink(parallelism = 3)
        @Broadcast
        public void sink(Rec r) {
            record(r);
        }
    }

    /** Union: a (2, pointwise into the reader of 2) and b (1, round-robin into it). */
    @Pipeline(parallelism = 2)
    static class Union extends Recording {
        @Source
        public void a(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @Source(parallelism = 1)
        public void b(SourceContext ctx, Emitter<Rec> out) {
            emit(10 + ctx.subtaskIndex(), ctx, out);
        }

        @Sink
        @From({"a", "b"})
        public void sink(Rec r) {
            record(r);
        }
    }

    /** Two exchanges in a row: 3 sources, hash into a middle stage of 2, rebalance into a sink of 3. */
    @Pipeline(parallelism = 3)
    static class TwoHops extends Recording {
        @Source
        public void source(SourceContext ctx, Emitter<Rec> out) {
            emit(ctx.subtaskIndex(), ctx, out);
        }

        @KeyBy
        public int key(Rec r) {
            return keyOf(r);
        }

        @Transform(parallelism = 2)
        public Rec hop(Rec r) {
            return stamp(r);
        }

        @Sink
        @Rebalance
        public void sink(Rec r) {
            record(r);
        }
    }

    enum Shape {
        FORWARD(3, 3, false) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_Forward.create(Forward::new).run();
            }
        },
        HASH(2, 3, false) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_Hash.create(Hash::new).run();
            }
        },
        REBALANCE(3, 3, false) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_Rebalanced.create(Rebalanced::new).run();
            }
        },
        SPREAD(2, 3, false) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_Spread.create(Spread::new).run();
            }
        },
        BROADCAST(2, 3, true) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_Broadcasting.create(Broadcasting::new).run();
            }
        },
        UNION(2, 2, false) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_Union.create(Union::new).run();
            }
        },
        TWO_HOPS(3, 3, false) {
            PipelineResult run() {
                return RillExactlyOnceStressTest_TwoHops.create(TwoHops::new).run();
            }
        };

        final int sources;
        final int sinks;
        final boolean broadcast;

        Shape(int sources, int sinks, boolean broadcast) {
            this.sources = sources;
            this.sinks = sinks;
            this.broadcast = broadcast;
        }

        abstract PipelineResult run();

        /** The src values this shape's sources use. */
        int[] srcs() {
            if (this == UNION) {
                return new int[] {0, 1, 10};
            }
            int[] srcs = new int[sources];
            for (int i = 0; i < sources; i++) {
                srcs[i] = i;
            }
            return srcs;
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void everyElementOnceInOrderPerChannel(Shape shape) {
        Random random = new Random(SEED + shape.ordinal());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < ROUNDS; round++) {
                long[] sizes = new long[11];
                for (int src : shape.srcs()) {
                    sizes[src] = random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(MAX_PER_SUBTASK + 1);
                }
                int keys = 1 + random.nextInt(random.nextBoolean() ? 10 : 1_000);
                int dropMod = random.nextBoolean() ? 0 : 2 + random.nextInt(6);
                Plan p = new Plan(sizes, keys, dropMod);
                plan = p;
                RECEIVED.clear();
                String what = shape + " round " + round + " (sizes " + java.util.Arrays.toString(sizes)
                        + ", keys " + keys + ", dropMod " + dropMod + ")";
                PipelineResult result = shape.run();
                assertFalse(result.cancelled(), what);
                StressThreads.assertNoneAlive("after " + what);
                check(shape, p, new ArrayList<>(RECEIVED), what);
            }
        });
        plan = null;
        RECEIVED.clear();
    }

    /** Element by element: exactly once, increasing per path, routed as the exchange says. */
    private static void check(Shape shape, Plan p, List<Received> received, String what) {
        boolean filtered = shape == Shape.FORWARD || shape == Shape.HASH;
        Map<Integer, BitSet> expected = new TreeMap<>();
        long expectedCount = 0;
        for (int src : shape.srcs()) {
            BitSet bits = new BitSet();
            for (int seq = 0; seq < p.sizes[src]; seq++) {
                if (!filtered || p.kept(seq)) {
                    bits.set(seq);
                }
            }
            expected.put(src, bits);
            expectedCount += bits.cardinality();
        }

        // seen[copy][src]: copy is the sink subtask for broadcast, else 0.
        Map<Integer, Map<Integer, BitSet>> seen = new HashMap<>();
        Map<Long, Long> lastOnPath = new HashMap<>();
        // round-robin counts: [upstream][downstream]
        Map<Integer, long[]> spread = new HashMap<>();
        long total = 0;
        for (Received r : received) {
            int d = r.subtask;
            if (d < 0 || d >= shape.sinks) {
                fail(what + ": sink subtask " + d);
            }
            Map<Integer, BitSet> copy = seen.computeIfAbsent(shape.broadcast ? d : 0, x -> new HashMap<>());
            for (Rec rec : r.recs) {
                total++;
                BitSet bits = copy.computeIfAbsent(rec.src(), x -> new BitSet());
                if (rec.seq() > Integer.MAX_VALUE || !expected.containsKey(rec.src())
                        || !expected.get(rec.src()).get((int) rec.seq())) {
                    fail(what + ": sink subtask " + d + " received " + rec + ", which was never emitted or was filtered out");
                }
                if (bits.get((int) rec.seq())) {
                    fail(what + ": " + rec + " received twice" + (shape.broadcast ? " by sink subtask " + d : ""));
                }
                bits.set((int) rec.seq());
                long path = ((long) rec.src() * 1_000 + rec.hop() + 1) * 1_000 + d;
                Long last = lastOnPath.put(path, rec.seq());
                if (last != null && last >= rec.seq()) {
                    fail(what + ": on path source " + rec.src() + " -> middle " + rec.hop() + " -> sink " + d
                            + ", " + rec.seq() + " arrived after " + last);
                }
                switch (shape) {
                    case FORWARD:
                        if (rec.src() != d || rec.hop() != d) {
                            fail(what + ": forward and fused stages keep subtask i on subtask i, but sink " + d + " got " + rec);
                        }
                        break;
                    case HASH: {
                        int key = keyOf(rec);
                        if (KeyGroups.subtask(Integer.hashCode(key), MAX_PARALLELISM, shape.sinks) != d) {
                            fail(what + ": key " + key + " of " + rec + " landed on sink subtask " + d);
                        }
                        break;
                    }
                    case TWO_HOPS: {
                        int key = keyOf(rec);
                        if (KeyGroups.subtask(Integer.hashCode(key), MAX_PARALLELISM, 2) != rec.hop()) {
                            fail(what + ": key " + key + " of " + rec + " landed on middle subtask " + rec.hop());
                        }
                        break;
                    }
                    case REBALANCE:
                        if (rec.hop() != d) {
                            fail(what + ": the sink is fused behind the rebalanced stage, but sink " + d + " got " + rec);
                        }
                        spread.computeIfAbsent(rec.src(), x -> new long[shape.sinks])[d]++;
                        break;
                    case SPREAD:
                        spread.computeIfAbsent(rec.src(), x -> new long[shape.sinks])[d]++;
                        break;
                    case UNION:
                        if (rec.src() < 10) {
                            if (rec.src() != d) {
                                fail(what + ": a pointwise union keeps subtask i on subtask i, but sink " + d + " got " + rec);
                            }
                        }
                        break;
                    default:
                        break;
                }
            }
        }

        int copies = shape.broadcast ? shape.sinks : 1;
        assertEquals(expectedCount * copies, total, what + ": elements received in all");
        if (expectedCount > 0) {
            assertEquals(copies, seen.size(), what + ": sink subtasks that received the stream");
        }
        for (Map.Entry<Integer, Map<Integer, BitSet>> copy : seen.entrySet()) {
            for (Map.Entry<Integer, BitSet> e : expected.entrySet()) {
                BitSet got = copy.getValue().getOrDefault(e.getKey(), new BitSet());
                if (!got.equals(e.getValue())) {
                    BitSet missing = (BitSet) e.getValue().clone();
                    missing.andNot(got);
                    fail(what + ": " + missing.cardinality() + " elements of source " + e.getKey() + " lost"
                            + (shape.broadcast ? " at sink subtask " + copy.getKey() : "")
                            + ", the first seq " + missing.nextSetBit(0));
                }
            }
        }
        for (Map.Entry<Integer, long[]> e : spread.entrySet()) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (long c : e.getValue()) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            assertTrue(max - min <= 1, what + ": round-robin from source " + e.getKey() + " spread "
                    + java.util.Arrays.toString(e.getValue()));
        }
    }
}
