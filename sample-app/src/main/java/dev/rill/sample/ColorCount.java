package dev.rill.sample;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.function.BiConsumer;

/**
 * The seed's example: colored events, orange filtered out, keyed by color, counted; a sink
 * with parallelism 1 receives every running count.
 */
@Pipeline(parallelism = 2)
public final class ColorCount {
    private final long events;
    private final BiConsumer<String, Long> results;

    /**
     * @param events how many events the sources emit in all
     * @param results receives every (color, running count) update; called from the one sink thread
     */
    public ColorCount(long events, BiConsumer<String, Long> results) {
        this.events = events;
        this.results = results;
    }

    /** Subtask s of p emits the events [s*N/p, (s+1)*N/p). */
    @Source
    public void events(SourceContext ctx, Emitter<Event> out) {
        long from = ctx.subtaskIndex() * events / ctx.parallelism();
        long to = (ctx.subtaskIndex() + 1) * events / ctx.parallelism();
        for (long i = from; i < to; i++) {
            out.emit(Event.of(i));
        }
    }

    @Filter
    public boolean notOrange(Event e) {
        return !e.color().equals("orange");
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
