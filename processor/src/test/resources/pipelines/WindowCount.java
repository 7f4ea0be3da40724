package dev.rill.sample;

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

/** SPEC.md section 6's window count, pre-aggregated with a merge: the second golden file's input. */
@Pipeline(parallelism = 2)
public class WindowCount {

    @Source
    public void events(SourceContext ctx, Emitter<Event> out) {
        for (long i = ctx.subtaskIndex(); i < 1_000; i += ctx.parallelism()) {
            out.emit(Event.of(i));
        }
    }

    @EventTime
    public long time(Event e) { return e.timestamp(); }

    @KeyBy
    public String color(Event e) { return e.color(); }

    @Aggregate(merge = "sum")
    @Window(size = 100)
    public long count(long count, Event e) { return count + 1; }

    static long sum(long a, long b) { return a + b; }

    @Sink(parallelism = 1)
    public void results(String color, long count, TimeWindow window) { }
}
