package dev.rill.it.stress;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

/** The runtime's threads as a user sees them: named {@code rill-<pipeline>-<chain>-<subtask>}. */
final class StressThreads {
    private StressThreads() {
    }

    /** Live threads whose name starts with {@code rill-}. */
    static List<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("rill-"))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .collect(Collectors.toList());
    }

    /** Live {@code rill-} threads of one pipeline, by its (nested) class name, e.g. {@code CancelStressTest.Shape}. */
    static List<Thread> aliveOf(String pipeline) {
        String prefix = "rill-" + pipeline + "-";
        return alive().stream().filter(t -> t.getName().startsWith(prefix)).collect(Collectors.toList());
    }

    /**
     * Fails if any {@code rill-} thread is alive. Called right after {@code run()} or
     * {@code await()} returned or threw: both join every thread first, so there is no grace
     * period.
     */
    static void assertNoneAlive(String when) {
        List<Thread> alive = alive();
        if (!alive.isEmpty()) {
            fail("rill threads alive " + when + ": "
                    + alive.stream().map(Thread::getName).collect(Collectors.joining(", ")));
        }
    }

    /** The subtask index at the end of a Rill thread's name ({@code rill-P-chain-2} gives 2). */
    static int subtaskOf(Thread thread) {
        return subtaskOf(thread.getName());
    }

    /** The subtask index at the end of a Rill thread's name. */
    static int subtaskOf(String name) {
        if (!name.startsWith("rill-")) {
            throw new IllegalStateException("not a rill thread: " + name);
        }
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    /** The subtask index of the calling Rill thread. */
    static int currentSubtask() {
        return subtaskOf(Thread.currentThread());
    }
}
