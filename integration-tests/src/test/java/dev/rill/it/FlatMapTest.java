package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.FlatMap;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, @FlatMap: zero or more elements per input. Each event becomes (value % 4) copies of
 * its color word (so some events yield none); the words are counted per word. Counts and the
 * flat map's elements-out must equal the loop's.
 */
class FlatMapTest {
    static final long N = Workloads.N;

    static int copies(Event e) {
        return e.value() % 4;
    }

    @Pipeline(parallelism = 2)
    static class Words {
        private final Map<String, Long> last;

        Words(Map<String, Long> last) {
            this.last = last;
        }

        @Source
        public void events(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @FlatMap
        public void words(Event e, Emitter<String> out) {
            for (int i = 0; i < copies(e); i++) {
                out.emit(e.color());
            }
        }

        @KeyBy
        public String word(String w) {
            return w;
        }

        @Aggregate
        public long count(long count, String w) {
            return count + 1;
        }

        @Sink(parallelism = 1)
        public void results(String word, long count) {
            last.put(word, count);
        }
    }

    @Test
    void wordCountsMatchTheLoop() {
        Map<String, Long> last = new ConcurrentHashMap<>();
        PipelineResult result = RillFlatMapTest_Words.create(() -> new Words(last)).run();

        Map<String, Long> expected = new HashMap<>();
        long words = 0;
        for (long i = 0; i < N; i++) {
            Event e = Workloads.event(i);
            for (int c = 0; c < copies(e); c++) {
                expected.merge(e.color(), 1L, Long::sum);
                words++;
            }
        }
        assertEquals(expected, last);
        assertEquals(N, result.stage("words").elementsIn(), "words in");
        assertEquals(words, result.stage("words").elementsOut(), "words out");
        assertEquals(words, result.stage("results").elementsIn(), "results in");
    }
}
