package dev.rill.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

/** SPEC section 3: once a run ended (normally, by failure or by cancel), no thread is left running. */
final class RillThreads {
    private RillThreads() {
    }

    /** Live threads named rill-*. */
    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("rill-"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Fails unless every rill-* thread has ended, allowing up to 1 s for them to finish exiting. */
    static void assertNoneAlive() throws InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        List<String> alive = alive();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            alive = alive();
        }
        if (!alive.isEmpty()) {
            fail("rill threads still alive 1 s after the run ended: " + alive);
        }
    }
}
