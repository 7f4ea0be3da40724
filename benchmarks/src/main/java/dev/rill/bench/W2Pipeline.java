package dev.rill.bench;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.HashMap;
import java.util.Map;

/**
 * W2: source (p=2) -> filter -> key by color -> running count -> sink (p=1) keeping the last
 * count per color and counting its updates.
 */
@Pipeline(parallelism = 2)
public final class W2Pipeline {
    private final long n;
    /** The sink subtask's last count per color (mutable holders: no boxing per update). */
    final Map<String, long[]> last = new HashMap<>();
    long updates;

    public W2Pipeline(long n) {
        this.n = n;
    }

    @Source
    public void events(SourceContext ctx, Emitter<Event> out) {
        long to = Events.to(n, ctx.subtaskIndex(), ctx.parallelism());
        for (long i = Events.from(n, ctx.subtaskIndex(), ctx.parallelism()); i < to; i++) {
            out.emit(Events.event(i));
        }
    }

    @Filter
    public boolean notOrange(Event e) {
        return Events.notOrange(e);
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
        last.computeIfAbsent(color, c -> new long[1])[0] = count;
        updates++;
    }
}
