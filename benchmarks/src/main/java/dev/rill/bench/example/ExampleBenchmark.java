package dev.rill.bench.example;

import dev.rill.annotation.Filter;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.annotation.Transform;
import dev.rill.runtime.Emitter;
import dev.rill.runtime.SourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How to benchmark your own Rill pipeline under JMH: copy this file, replace {@link Squares}
 * with your pipeline (or delete it and call your own {@code RillYourPipeline}), keep the
 * plain-Java baseline honest, and run it.
 *
 * <h2>Setting it up in your build</h2>
 * <ol>
 *   <li>Depend on {@code org.openjdk.jmh:jmh-core:1.37}, {@code dev.rill:rill-annotations}
 *       and {@code dev.rill:rill-runtime}.</li>
 *   <li>Put <em>both</em> {@code dev.rill:rill-processor} and
 *       {@code org.openjdk.jmh:jmh-generator-annprocess:1.37} on the compiler plugin's
 *       {@code annotationProcessorPaths}: listing one turns discovery off for the others.</li>
 *   <li>Shade into one jar with main class {@code org.openjdk.jmh.Main} and the
 *       {@code ServicesResourceTransformer} (see this module's {@code pom.xml}).</li>
 *   <li>Run {@code java -jar target/benchmarks.jar ExampleBenchmark -prof gc}.</li>
 * </ol>
 *
 * <h2>What makes the figures mean something</h2>
 * <ul>
 *   <li>Time a whole run of a bounded pipeline per operation, with enough events that
 *       starting the pipeline's threads (about 0.1 ms each) is noise, and declare them
 *       with {@code @OperationsPerInvocation} so that scores read per event.</li>
 *   <li>Create events inside the source as it emits them, as production would; a
 *       pre-built array measures memory bandwidth, not your pipeline.</li>
 *   <li>Benchmark a plain loop doing the same work beside it, in the same run: on a shared
 *       machine absolute numbers drift, the ratio is the figure to trust.</li>
 *   <li>Check the output against the baseline's: a benchmark that produces a wrong answer
 *       fast measures nothing. Here the first result is compared with the reference.</li>
 *   <li>Get results out through the pipeline instances the factory made: each subtask of
 *       each chain gets its own instance, so sink fields need no synchronization.</li>
 *   <li>A run per operation measures a young pipeline: its objects never live through a
 *       collection. In a service that runs for hours, whatever the pipeline keeps (your own
 *       fields, keyed state holding objects) is promoted to the old generation, and under G1
 *       each young object stored into it then costs a card mark behind a fence. Rill's
 *       channels renew their arrays after each collection so that they stay young
 *       ({@code LongLivedExchangeBench} measures that case); if your pipeline keeps objects
 *       it replaces per event, benchmark that case too, e.g. with state built once per trial
 *       and promoted by {@code System.gc()} before the first iteration.</li>
 *   <li>Declare the pipeline class {@code final}, as you would in production: Rill then ships
 *       only the record components the stages after an exchange read (the root README's
 *       "How it runs").</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ExampleBenchmark.EVENTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ExampleBenchmark {
    static final int EVENTS = 1_000_000;

    /** Events per operation; must equal {@link #EVENTS} so that scores read per event. */
    @Param({"" + EVENTS})
    public long events;

    private long expected;
    private boolean checked;

    /** Your pipeline: here, the sum of the squares of the odd numbers below {@code events}. */
    @Pipeline(parallelism = 1)
    public static final class Squares {
        private final long events;
        long sum;

        public Squares(long events) {
            this.events = events;
        }

        @Source
        public void numbers(SourceContext ctx, Emitter<Long> out) {
            for (long i = ctx.subtaskIndex(); i < events; i += ctx.parallelism()) {
                out.emit(i);
            }
        }

        @Filter
        public boolean odd(long x) {
            return (x & 1) != 0;
        }

        @Transform
        public long square(long x) {
            return x * x;
        }

        @Sink
        public void add(long x) {
            sum += x;
        }
    }

    @Setup(Level.Trial)
    public void reference() {
        expected = handWritten();
    }

    @Benchmark
    public long rill() {
        List<Squares> made = new ArrayList<>();
        RillExampleBenchmark_Squares.create(() -> {
            Squares s = new Squares(events);
            made.add(s);
            return s;
        }).run();
        long sum = 0;
        for (Squares s : made) {
            sum += s.sum;
        }
        if (!checked) {
            if (sum != expected) {
                throw new IllegalStateException("pipeline sum " + sum + ", expected " + expected);
            }
            checked = true;
        }
        return sum;
    }

    /** The baseline: what you would write without Rill. */
    @Benchmark
    public long handWritten() {
        long sum = 0;
        for (long i = 0; i < events; i++) {
            if ((i & 1) != 0) {
                sum += i * i;
            }
        }
        return sum;
    }
}
