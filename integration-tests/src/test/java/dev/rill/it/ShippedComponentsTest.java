package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Rebalance;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineException;
import dev.rill.runtime.SourceContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A record made right before an exchange ships only the components the stages after it read
 * (the processor's {@code ShippedComponentsTest} checks which): what those stages compute must
 * be what they compute on the whole record, null records must still arrive null, and a failure
 * must name what crossed rather than the placeholders the record was rebuilt with. Expected
 * values come from the same functions in a plain loop.
 */
class ShippedComponentsTest {
    static final int N = 50_000;

    record Reading(long id, String sensor, double level, boolean valid) {
    }

    /** Every 97th reading is null. */
    static Reading reading(long i) {
        return i % 97 == 5 ? null : new Reading(i, "sensor-" + (i % 13), (double) (i % 1000), i % 3 != 0);
    }

    static void emit(SourceContext ctx, Emitter<Reading> out) {
        long to = (long) N * (ctx.subtaskIndex() + 1) / ctx.parallelism();
        for (long i = (long) N * ctx.subtaskIndex() / ctx.parallelism(); i < to; i++) {
            out.emit(reading(i));
        }
    }

    static int key(Reading r) {
        return r == null ? -1 : (int) (r.id() % 100);
    }

    /** Reads sensor and level only, and takes a null reading as a marker of its own. */
    static long fold(long acc, Reading r) {
        return r == null ? acc + 1_000_000 : acc + r.sensor().length() * 10_000L + (long) r.level();
    }

    /** An int key, then a sum reading two of the four components: id and valid stay upstream. */
    @Pipeline(parallelism = 2)
    static final class Sums {
        private final Map<Integer, Long> last;

        Sums(Map<Integer, Long> last) {
            this.last = last;
        }

        @Source
        public void readings(SourceContext ctx, Emitter<Reading> out) {
            emit(ctx, out);
        }

        @KeyBy
        public int byId(Reading r) {
            return key(r);
        }

        @Aggregate
        public long sum(long acc, Reading r) {
            return r == null ? acc + 1_000_000 : acc + r.sensor().length() * 10_000L + (long) r.level();
        }

        @Sink
        public void results(int key, long sum) {
            last.put(key, sum);
        }
    }

    @Test
    void aSumReadingTwoComponentsFoldsWhatItWouldFoldOnTheWholeRecord() {
        Map<Integer, Long> last = new ConcurrentHashMap<>();
        RillShippedComponentsTest_Sums.create(() -> new Sums(last)).run();

        Map<Integer, Long> expected = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            Reading r = reading(i);
            expected.put(key(r), fold(expected.getOrDefault(key(r), 0L), r));
        }
        assertEquals(expected, new TreeMap<>(last));
    }

    /**
     * A filter after a round-robin exchange passes the record on to the sink in its chain: the
     * row carries what either reads (valid; id and sensor), and null readings arrive null.
     */
    @Pipeline(parallelism = 2)
    static final class Passed {
        private final Set<String> seen;
        private final AtomicLong nulls;

        Passed(Set<String> seen, AtomicLong nulls) {
            this.seen = seen;
            this.nulls = nulls;
        }

        @Source(parallelism = 1)
        public void readings(SourceContext ctx, Emitter<Reading> out) {
            emit(ctx, out);
        }

        @Filter
        @Rebalance
        public boolean valid(Reading r) {
            return r == null || r.valid();
        }

        @Sink
        public void record(Reading r) {
            if (r == null) {
                nulls.incrementAndGet();
            } else {
                seen.add(r.id() + "/" + r.sensor());
            }
        }
    }

    @Test
    void whatAFilterPassesOnArrivesWithTheComponentsTheStagesAfterItRead() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong nulls = new AtomicLong();
        RillShippedComponentsTest_Passed.create(() -> new Passed(seen, nulls)).run();

        Set<String> expected = new TreeSet<>();
        long expectedNulls = 0;
        for (long i = 0; i < N; i++) {
            Reading r = reading(i);
            if (r == null) {
                expectedNulls++;
            } else if (r.valid()) {
                expected.add(r.id() + "/" + r.sensor());
            }
        }
        assertEquals(expected, new TreeSet<>(seen));
        assertEquals(expectedNulls, nulls.get());
    }

    static final long FAIL_AT = 31_337;

    @Pipeline(parallelism = 2)
    static final class Fails {
        @Source
        public void readings(SourceContext ctx, Emitter<Reading> out) {
            emit(ctx, out);
        }

        @KeyBy
        public int byId(Reading r) {
            return key(r);
        }

        @Aggregate
        public long sum(long acc, Reading r) {
            if (r != null && r.level() == FAIL_AT % 1000 && r.sensor().equals("sensor-" + FAIL_AT % 13)) {
                throw new IllegalStateException("boom");
            }
            return acc + 1;
        }

        @Sink
        public void results(int key, long sum) {
        }
    }

    @Test
    void aFailureNamesTheComponentsThatCrossedNotThePlaceholders() {
        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                PipelineException.class, () -> RillShippedComponentsTest_Fails.create(Fails::new).run()));
        assertEquals("sum", failure.stage(), failure.getMessage());
        // every reading that fails has this sensor and level, whichever subtask meets one first
        String crossed = "on element Reading[sensor=sensor-" + FAIL_AT % 13 + ", level=" + (double) (FAIL_AT % 1000)
                + "] (id, valid not shipped: no stage after the exchange reads them)";
        assertTrue(failure.getMessage().contains(crossed), failure.getMessage());
    }
}
