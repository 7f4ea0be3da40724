package dev.rill.sample;

import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.StageMetrics;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the seed's color count three ways (a small input whose every running count is
 * printed, a larger one timed, and the plan Rill compiled for it), then the fraud-alert
 * example.
 *
 * <pre>java -jar sample-app/target/rill-sample-app.jar [events]</pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("== Running counts for 20 events (the sink has parallelism 1) ==");
        RillColorCount.create(() -> new ColorCount(20, (color, count) -> System.out.println(color + " " + count)))
                .run();

        long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        System.out.printf("%n== Totals for %,d events ==%n", events);
        Map<String, Long> totals = new TreeMap<>(); // only the one sink subtask writes it
        PipelineResult result = RillColorCount.create(() -> new ColorCount(events, totals::put)).run();
        totals.forEach((color, count) -> System.out.printf("%-7s %,d%n", color, count));
        long millis = Math.max(1, result.wallTime().toMillis());
        System.out.printf("%,d events in %,d ms: %,d events/s%n", events, millis, events * 1000 / millis);
        for (StageMetrics stage : result.stages()) {
            System.out.printf("  %-10s in %,12d  out %,12d%n", stage.stage(), stage.elementsIn(), stage.elementsOut());
        }

        System.out.printf("%n== The job graph (RillColorCount.describe()) ==%n");
        System.out.print(RillColorCount.describe());

        long payments = 20_000;
        System.out.printf("%n== Fraud alerts: %,d card payments, one card in two countries within ten minutes ==%n", payments);
        PipelineResult fraud = RillFraudAlerts.create(() -> new FraudAlerts(payments, System.out::println)).run();
        System.out.printf("%,d alerts%n", fraud.stage("alert").elementsIn());
        System.out.print(RillFraudAlerts.describe());
    }
}
