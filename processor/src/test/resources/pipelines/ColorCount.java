package dev.rill.sample;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;

/** The seed's example, as SPEC.md section 2 writes it: the golden file's input. */
@Pipeline(parallelism = 2)
public class ColorCount {

    @Source
    public void events(SourceContext ctx, Emitter<Event> out) {
        for (long i = ctx.subtaskIndex(); i < 1_000; i += ctx.parallelism()) {
            out.emit(Event.of(i));
        }
    }

    @Filter
    public boolean notOrange(Event e) { return !e.color().equals("orange"); }

    @KeyBy
    public String color(Event e) { return e.color(); }

    @Aggregate
    public long count(long count, Event e) { return count + 1; }

    @Sink(parallelism = 1)
    public void results(String color, long count) { }
}
