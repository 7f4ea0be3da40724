package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Records cross exchanges as their components and are rebuilt downstream (SPEC 2): what a
 * downstream stage gets must equal what the upstream stage made, for every kind of component
 * (NaN and negative zero included, compared bit for bit), a null component, a null record (with
 * and without a reference component), a record whose compact constructor normalises, and a
 * generic record (which travels as a reference). Expected values come from the same functions
 * called in a plain loop.
 */
class RecordExchangeTest {
    static final int N = 20_000;

    /** Every primitive kind, a reference and an array. */
    record Sample(long id, int i, short s, byte b, char c, boolean flag, float f, double d, String label, int[] data) {
    }

    /** Primitives only: a null record is marked in its batch's null-record flags, the row has no reference slot. */
    record Point(long x, double y) {
    }

    /** Its compact constructor normalises, so a rebuild runs it a second time. */
    record Name(String value) {
        Name {
            value = value.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Generic: travels as a reference. */
    record Box<T>(T value) {
    }

    static Sample sample(long i) {
        if (i % 7 == 3) {
            return null;
        }
        double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        float[] floatSpecials = {Float.NaN, -0.0f, Float.MAX_VALUE};
        return new Sample(i, (int) (i * 31 - N), (short) (i - 300), (byte) i, (char) ('a' + i % 26), i % 2 == 0,
                i % 11 == 0 ? floatSpecials[(int) (i % 3)] : i / 8f,
                i % 13 == 0 ? specials[(int) (i % 5)] : i * -1.5,
                i % 5 == 0 ? null : "s" + i,
                i % 9 == 0 ? null : new int[] {(int) i, (int) -i});
    }

    static Point point(long i) {
        return i % 5 == 1 ? null : new Point(i, i / 4.0);
    }

    @Pipeline
    static class Samples {
        private final Queue<Object> out;

        Samples(Queue<Object> out) {
            this.out = out;
        }

        @Source
        public void ids(Emitter<Long> out) {
            for (long i = 0; i < N; i++) {
                out.emit(i);
            }
        }

        @Transform
        public Sample make(long i) {
            return sample(i);
        }

        @Sink(parallelism = 2)
        public void collect(Sample s) {
            out.add(s == null ? "null" : s);
        }
    }

    @Pipeline
    static class Points {
        private final Queue<Object> out;

        Points(Queue<Object> out) {
            this.out = out;
        }

        @Source
        public void ids(Emitter<Long> out) {
            for (long i = 0; i < N; i++) {
                out.emit(i);
            }
        }

        @Transform
        public Point make(long i) {
            return point(i);
        }

        @Sink(parallelism = 3)
        public void collect(Point p) {
            out.add(p == null ? "null" : p);
        }
    }

    @Pipeline(parallelism = 2)
    static class Names {
        private final Map<String, Long> counts;

        Names(Map<String, Long> counts) {
            this.counts = counts;
        }

        @Source
        public void names(SourceContext ctx, Emitter<Name> out) {
            for (long i = ctx.subtaskIndex(); i < N; i += ctx.parallelism()) {
                out.emit(new Name("  " + (i % 3 == 0 ? "ADA" : "Grace") + " "));
            }
        }

        @KeyBy
        public String value(Name n) {
            return n.value();
        }

        @Aggregate
        public long count(long count, Name n) {
            if (!n.value().equals(n.value().trim().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalStateException("not normalised: " + n);
            }
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String name, long count) {
            counts.merge(name, count, Math::max);
        }
    }

    @Pipeline
    static class Boxes {
        private final Queue<Object> out;

        Boxes(Queue<Object> out) {
            this.out = out;
        }

        @Source
        public void ids(Emitter<Long> out) {
            for (long i = 0; i < N; i++) {
                out.emit(i);
            }
        }

        @Transform
        public Box<String> make(long i) {
            return new Box<>("b" + i);
        }

        @Sink(parallelism = 2)
        public void collect(Box<String> b) {
            out.add(b);
        }
    }

    @Test
    void everyComponentKindSurvivesARoundRobinExchange() {
        Queue<Object> got = new ConcurrentLinkedQueue<>();
        RillRecordExchangeTest_Samples.create(() -> new Samples(got)).run();

        List<Sample> samples = new ArrayList<>();
        long nulls = 0;
        for (Object o : got) {
            if (o.equals("null")) {
                nulls++;
            } else {
                samples.add((Sample) o);
            }
        }
        samples.sort(Comparator.comparingLong(Sample::id));
        List<Sample> expected = new ArrayList<>();
        long expectedNulls = 0;
        for (long i = 0; i < N; i++) {
            Sample s = sample(i);
            if (s == null) {
                expectedNulls++;
            } else {
                expected.add(s);
            }
        }
        assertEquals(expectedNulls, nulls, "null records");
        assertEquals(expected.size(), samples.size(), "records");
        for (int k = 0; k < expected.size(); k++) {
            Sample want = expected.get(k);
            Sample have = samples.get(k);
            // the array is compared by content (records compare it by identity), the rest with
            // record equality, which compares float and double components bit for bit
            assertArrayEquals(want.data(), have.data(), "data of " + want.id());
            assertEquals(new Sample(want.id(), want.i(), want.s(), want.b(), want.c(), want.flag(), want.f(), want.d(),
                    want.label(), have.data()), have);
            assertEquals(Double.doubleToRawLongBits(want.d()), Double.doubleToRawLongBits(have.d()), "d of " + want.id());
            assertEquals(Float.floatToRawIntBits(want.f()), Float.floatToRawIntBits(have.f()), "f of " + want.id());
        }
    }

    @Test
    void recordsOfPrimitivesKeepTheirNulls() {
        Queue<Object> got = new ConcurrentLinkedQueue<>();
        RillRecordExchangeTest_Points.create(() -> new Points(got)).run();

        Map<Long, Point> points = new TreeMap<>();
        long nulls = 0;
        for (Object o : got) {
            if (o.equals("null")) {
                nulls++;
            } else {
                points.put(((Point) o).x(), (Point) o);
            }
        }
        Map<Long, Point> expected = new TreeMap<>();
        long expectedNulls = 0;
        for (long i = 0; i < N; i++) {
            Point p = point(i);
            if (p == null) {
                expectedNulls++;
            } else {
                expected.put(i, p);
            }
        }
        assertEquals(expectedNulls, nulls, "null records");
        assertEquals(expected, points);
        assertEquals(N, got.size(), "elements the sinks got");
    }

    @Test
    void aNormalisingConstructorSeesItsOwnOutputAgain() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        RillRecordExchangeTest_Names.create(() -> new Names(counts)).run();

        long ada = 0;
        for (long i = 0; i < N; i++) {
            if (i % 3 == 0) {
                ada++;
            }
        }
        assertEquals(Map.of("ada", ada, "grace", N - ada), counts);
    }

    @Test
    void genericRecordsTravelAsReferences() {
        Queue<Object> got = new ConcurrentLinkedQueue<>();
        RillRecordExchangeTest_Boxes.create(() -> new Boxes(got)).run();

        Map<String, Integer> seen = new TreeMap<>();
        for (Object o : got) {
            seen.merge(((Box<?>) o).value().toString(), 1, Integer::sum);
        }
        assertEquals(N, seen.size(), "distinct boxes");
        for (long i = 0; i < N; i++) {
            assertEquals(1, seen.get("b" + i), "b" + i);
        }
    }
}
