package dev.rill.bench;

import dev.rill.annotation.Filter;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;

/** W1: source -> filter color != orange -> transform value * 3 + 1 -> sum, all at parallelism 1. */
@Pipeline(parallelism = 1)
public final class W1Pipeline {
    private final long n;
    /** This subtask's sum; {@link RillRuns} adds the sink instances' sums after the run. */
    long sum;

    public W1Pipeline(long n) {
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

    @Transform
    public long weight(Event e) {
        return Events.weight(e);
    }

    @Sink
    public void sum(long v) {
        sum += v;
    }
}
