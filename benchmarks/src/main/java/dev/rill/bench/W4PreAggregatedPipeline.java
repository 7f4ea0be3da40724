package dev.rill.bench;

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
import java.util.ArrayList;
import java.util.List;

/**
 * {@link W4Pipeline} with {@code @Aggregate(merge = "sum")}: each source subtask counts its own
 * events per color and window, and only those partial counts cross to the windowed stage, which
 * adds them up. The same workload and output; what a user who declares the merge gets.
 */
@Pipeline(parallelism = 2)
public final class W4PreAggregatedPipeline {
    private final long n;
    /** The sink subtask's fired windows, in arrival order. */
    final List<W4Result.Count> fired = new ArrayList<>();

    public W4PreAggregatedPipeline(long n) {
        this.n = n;
    }

    @Source
    public void events(SourceContext ctx, Emitter<Event> out) {
        long to = Events.to(n, ctx.subtaskIndex(), ctx.parallelism());
        for (long i = Events.from(n, ctx.subtaskIndex(), ctx.parallelism()); i < to; i++) {
            out.emit(Events.event(i));
        }
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
    @Window(size = Events.W4_WINDOW_MS)
    public long count(long count, Event e) {
        return count + 1;
    }

    static long sum(long a, long b) {
        return a + b;
    }

    @Sink(parallelism = 1)
    public void results(String color, long count, TimeWindow window) {
        fired.add(new W4Result.Count(window.start(), color, count));
    }
}
