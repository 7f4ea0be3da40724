package dev.rill.bench;

import java.lang.management.ManagementFactory;
import java.util.function.LongFunction;

/**
 * A diagnostic, not a benchmark: the process CPU time per event of a workload variant over
 * repeated whole runs in one JVM. On this shared 2-core machine JMH's throughput of the
 * multi-threaded variants swings by up to 2x between runs (threads outnumber cores, so the
 * score depends on how the OS interleaves them), while CPU per event moves far less; it is
 * what this repository used to choose between two runtime variants before confirming with
 * JMH. Speed claims still come from JMH only.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.rill.bench.CpuPerEvent w2 [rill|rill-pre-aggregated (w4)|exchange|exchange-key-groups|hand] [runs]</pre>
 */
public final class CpuPerEvent {
    private CpuPerEvent() {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "w2";
        String variant = args.length > 1 ? args[1] : "rill";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        LongFunction<Object> run = variant(workload, variant);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 4; i++) { // warm-up: C2 settles within a few whole runs
            run.apply(Events.N);
        }
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            run.apply(Events.N);
        }
        cpu = os.getProcessCpuTime() - cpu;
        wall = System.nanoTime() - wall;
        long events = (long) runs * Events.N;
        System.out.printf("%s %s: %.1f ns CPU per event, %.1f M events/s wall (%d runs)%n",
                workload, variant, cpu / (double) events, events / (wall / 1e3), runs);
    }

    private static LongFunction<Object> variant(String workload, String variant) {
        switch (workload + " " + variant) {
            case "w2 rill": return RillRuns::w2;
            case "w3 rill": return RillRuns::w3;
            case "w4 rill": return RillRuns::w4;
            case "w4 rill-pre-aggregated": return RillRuns::w4PreAggregated;
            case "w2 exchange": return HandWrittenExchange::w2;
            case "w3 exchange": return HandWrittenExchange::w3;
            case "w4 exchange": return HandWrittenExchange::w4;
            case "w2 exchange-key-groups": return n -> HandWrittenExchange.w2(n, HandWrittenExchange.Partition.KEY_GROUPS);
            case "w4 exchange-key-groups": return n -> HandWrittenExchange.w4(n, HandWrittenExchange.Partition.KEY_GROUPS);
            case "w2 hand": return HandWritten::w2;
            case "w3 hand": return HandWritten::w3;
            case "w4 hand": return HandWritten::w4;
            default: throw new IllegalArgumentException("unknown workload or variant: " + workload + " " + variant);
        }
    }
}
