package dev.rill.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.annotation.From;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.SourceContext;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2, union: @From({"a", "b"}) reads both streams. Source a (parallelism 2) emits events
 * [0, N), source b (parallelism 1) emits [N, 2N); the reader (parallelism 2) must receive each
 * of the 2N events exactly once.
 */
class UnionTest {
    static final int N = 10_000;

    @Pipeline(parallelism = 2)
    static class Union {
        private final AtomicIntegerArray seen;

        Union(AtomicIntegerArray seen) {
            this.seen = seen;
        }

        @Source
        public void a(SourceContext ctx, Emitter<Event> out) {
            Workloads.emitRange(ctx, N, out);
        }

        @Source(parallelism = 1)
        public void b(SourceContext ctx, Emitter<Event> out) {
            for (long i = N; i < 2L * N; i++) {
                out.emit(Workloads.event(i));
            }
        }

        @Sink
        @From({"a", "b"})
        public void both(Event e) {
            seen.incrementAndGet((int) e.id());
        }
    }

    @Test
    void readerReceivesBothStreamsOnce() {
        AtomicIntegerArray seen = new AtomicIntegerArray(2 * N);
        PipelineResult result = RillUnionTest_Union.create(() -> new Union(seen)).run();

        for (int i = 0; i < 2 * N; i++) {
            assertEquals(1, seen.get(i), "times the union saw event " + i);
        }
        assertEquals(N, result.stage("a").elementsOut());
        assertEquals(N, result.stage("b").elementsOut());
        assertEquals(2L * N, result.stage("both").elementsIn());
    }
}
