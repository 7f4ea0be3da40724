package dev.rill.shapes;

import dev.rill.annotation.*;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.Keyed;
import dev.rill.runtime.SourceContext;
import dev.rill.runtime.TimeWindow;
import java.util.List;

/** Every stage kind, exchange kind and element encoding at once: generated code must compile cleanly. */
public class Shapes {
    public record Trade(String symbol, double price, int size) {}

    @Pipeline(parallelism = 3, maxParallelism = 64)
    public static class Everything {
        @Source
        public void trades(SourceContext ctx, Emitter<Trade> out) {
            for (int i = ctx.subtaskIndex(); i < 100; i += ctx.parallelism()) {
                out.emit(new Trade("S" + (i % 7), i * 1.5, i));
            }
        }

        @Source(parallelism = 1)
        public static void moreTrades(Emitter<Trade> out) {
            out.emit(new Trade("X", 1.0, 1));
        }

        @Filter
        @From({"trades", "moreTrades"})
        public boolean positive(Trade t) { return t.size() >= 0; }

        @FlatMap
        public void twice(Trade t, Emitter<Trade> out) { out.emit(t); out.emit(t); }

        @KeyBy
        public static int bucket(Trade t) { return t.size() % 10; }

        @Reduce
        public Trade largest(Trade a, Trade b) { return a.size() >= b.size() ? a : b; }

        @Transform
        public double price(int bucket, Trade t) { return t.price(); }

        @KeyBy
        @From("twice")
        public String symbol(Trade t) { return t.symbol(); }

        @Aggregate(initial = "empty")
        public List<Integer> sizes(List<Integer> acc, Trade t) { return acc.size() < 3 ? List.of(t.size()) : acc; }

        public List<Integer> empty() { return List.of(); }

        @Sink(parallelism = 2)
        @Rebalance
        public void bySymbol(Keyed<String, List<Integer>> sizes) { }

        @KeyBy
        @From("price")
        public double rounded(double price) { return Math.floor(price); }

        @Aggregate
        public boolean seen(boolean seen, double price) { return true; }

        @Sink
        @Broadcast
        public void flags(double price, boolean seen) { }

        @Transform
        @From("twice")
        public long size(Trade t) { return t.size(); }

        @Sink(parallelism = 1)
        public static void allSizes(long size) { }

        // pre-aggregated in an exchange chain with its own event time: double key, record accumulator
        @EventTime
        @From("twice")
        public long tradeTime(Trade t) { return t.size(); }

        @KeyBy
        public double priceKey(Trade t) { return t.price(); }

        @Aggregate(initial = "none", merge = "larger")
        @Window(size = 10, slide = 5)
        public Trade biggest(Trade acc, Trade t) { return acc == null || t.size() > acc.size() ? t : acc; }

        public Trade none() { return null; }

        public Trade larger(Trade a, Trade b) { return biggest(a, b); }

        @Sink
        public void biggestPerPrice(double price, Trade biggest, TimeWindow window) { }
    }
}
