package dev.rill.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many rounds a thread's waits yield before they park, as its waits teach it
 * ({@link Worker#YIELD_ROUNDS}). Each wait here is driven by hand through the rounds of
 * {@link Worker#idleForInput(int)}, as a subtask's loop drives it; a wait that reaches its park
 * sleeps once (1 ms, nobody wakes it) and ends.
 */
class WorkerTest {
    private final Worker worker = new Worker(new Job("worker-test", new String[0]));

    /** Starts a wait; returns its next round. Its first round sets its yield rounds. */
    private int startWait() {
        return worker.idleForInput(0);
    }

    /** One whole wait that yields through its rounds and parks once; returns its yield rounds. */
    private int waitThroughAPark() {
        int round = startWait();
        int yields = worker.yieldRounds();
        while (round <= Worker.SPIN_ROUNDS + yields + 1) { // the last of these rounds parks
            round = worker.idleForInput(round);
        }
        worker.resume();
        return yields;
    }

    /** One whole wait whose condition comes true after {@code rounds} rounds. */
    private void waitFor(int rounds) {
        for (int round = startWait(); round < rounds; ) {
            round = worker.idleForInput(round);
        }
        worker.resume();
    }

    @Test
    void waitsThatParkAnywayYieldLessEachTimeAndEvery32ndWithoutYieldsLooksAgain() {
        List<Integer> yields = new ArrayList<>();
        for (int wait = 0; wait < 38; wait++) {
            yields.add(waitThroughAPark());
        }
        List<Integer> expected = new ArrayList<>(List.of(10, 5, 2, 1));
        for (int wait = 0; wait < 32; wait++) {
            expected.add(0);
        }
        expected.add(10); // the 32nd wait that parked with none gave them back
        expected.add(5);
        assertEquals(expected, yields);
    }

    @Test
    void aWaitYieldsForItsYieldRoundsThenParks() {
        // ten yield rounds: the round after the announcing one yields, so nothing parked yet
        int round = startWait();
        while (round <= Worker.SPIN_ROUNDS + 1) {
            round = worker.idleForInput(round);
        }
        assertFalse(worker.hasStarvedForAPark(), "a yield round parked");
        worker.resume();
        for (int wait = 0; wait < 4; wait++) {
            waitThroughAPark(); // 10, 5, 2, 1 yield rounds, each parking in the end
        }
        // none left: the round after the announcing one parks (and nobody wakes it)
        round = startWait();
        assertEquals(0, worker.yieldRounds());
        while (round <= Worker.SPIN_ROUNDS + 1) {
            round = worker.idleForInput(round);
        }
        assertTrue(worker.hasStarvedForAPark(), "no park right after the announcing round");
        worker.resume();
    }

    @Test
    void aWaitThatEndsWhileYieldingGivesAllYieldRoundsBack() {
        waitThroughAPark();
        waitThroughAPark();
        assertEquals(2, waitThroughAPark());
        // this wait has 1 yield round (2 halved): it ends on it, after the announcing round
        waitFor(Worker.SPIN_ROUNDS + 2);
        startWait();
        assertEquals(Worker.YIELD_ROUNDS, worker.yieldRounds());
        worker.resume();
    }

    @Test
    void aWaitThatEndsWhileSpinningChangesNothing() {
        waitThroughAPark();
        waitFor(3);
        waitFor(Worker.SPIN_ROUNDS); // ends before announcing
        startWait();
        assertEquals(5, worker.yieldRounds());
        worker.resume();
    }
}
