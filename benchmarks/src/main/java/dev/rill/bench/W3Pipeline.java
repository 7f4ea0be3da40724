package dev.rill.bench;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;

/**
 * W3: source (p=2) -> key by {@code (int) (id % 65_536)} -> running sum of value per key ->
 * sink (p=2) keeping the last sum per key. Each sink subtask owns the keys routed to it, so
 * their tables merge without conflict after the run.
 */
@Pipeline(parallelism = 2)
public final class W3Pipeline {
    private final long n;
    /** The sink subtask's last sum per key; allocated on first use, only by sink instances. */
    long[] last;
    boolean[] seen;

    public W3Pipeline(long n) {
        this.n = n;
    }

    @Source
    public void events(SourceContext ctx, Emitter<Event> out) {
        long to = Events.to(n, ctx.subtaskIndex(), ctx.parallelism());
        for (long i = Events.from(n, ctx.subtaskIndex(), ctx.parallelism()); i < to; i++) {
            out.emit(Events.event(i));
        }
    }

    @KeyBy
    public int key(Event e) {
        return Events.w3Key(e);
    }

    @Aggregate
    public long sum(long sum, Event e) {
        return sum + e.value();
    }

    @Sink
    public void results(int key, long sum) {
        long[] last = this.last;
        if (last == null) {
            last = this.last = new long[Events.W3_KEYS];
            seen = new boolean[Events.W3_KEYS];
        }
        last[key] = sum;
        seen[key] = true;
    }
}
