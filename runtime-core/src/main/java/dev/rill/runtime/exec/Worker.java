package dev.rill.runtime.exec;

import dev.rill.runtime.exchange.BatchChannel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How one subtask's thread waits, and how the threads next to it wake it. Each
 * {@link Subtask} owns one; its channels know it as their producer or consumer.
 * Generated code never touches it.
 *
 * <p>A thread that cannot go on (no input to read, or no free batch to write into) calls
 * {@code idleFor...(round)} in a loop, re-checking its condition after each call:
 * <pre>{@code
 * for (int round = 0; !condition(); ) {
 *     round = worker.idleForInput(round);
 * }
 * worker.resume();
 * }</pre>
 * <ol>
 *   <li>The first {@link #SPIN_ROUNDS} rounds only spin ({@link Thread#onSpinWait()}): a batch
 *       usually arrives within microseconds, much sooner than a park and unpark take.</li>
 *   <li>The next round announces the wait by setting the {@code waiting} flag, then returns so
 *       that the caller checks its condition once more.</li>
 *   <li>The next rounds, up to {@link #YIELD_ROUNDS}, yield the core ({@link Thread#yield()}):
 *       to the thread we wait for, when subtasks outnumber cores, or back to us at once. How
 *       many adapts to what the thread's waits have shown (see {@link #YIELD_ROUNDS}).</li>
 *   <li>Later rounds park: 1 ms the first time, doubling each round up to 64 ms.</li>
 * </ol>
 * The other side, right after it publishes or releases a batch, calls {@link #wake()}, which
 * unparks the thread if its flag is set. This is Dekker's pattern: the waiter writes its flag
 * then reads the channel's index; the waker writes the index then reads the flag, each with a
 * full fence in between. At least one of them sees the other's write, so either the waiter
 * finds its condition true on the re-check, or the waker sees the flag and unparks it (an
 * unpark that comes before the park makes the park return at once). No wake-up is lost; the
 * bounded park is only a safety net.
 *
 * <p>The waker clears the flag as it unparks ({@code getAndSet}), so a burst of publications
 * costs one unpark, not one per batch. The flag also says why the thread waits:
 * {@link #isStarving()} and {@link #hasStarvedForAPark()} let an upstream producer decide
 * whether to hand over a partial batch (the rule is on {@code BatchChannel.commit()}): never
 * when the consumer is itself blocked on its own output, where that would only fill the ring
 * with tiny batches. A producer that has been filling whole batches reads them only once a
 * limit of its channel says to: a thread that sleeps through a whole park for lack of input
 * lowers that limit on each channel it reads ({@code BatchChannel.askForRows()}).
 *
 * <p>Every round first checks the job and throws {@link Cancellation} once it is cancelled or
 * failed, and a cancel unparks every worker of the job ({@link #cancelled()}), so no wait
 * outlives the job by more than a context switch.
 */
public final class Worker extends WorkerLayout.PadAfter {
    /**
     * Spin rounds before announcing the wait. About a microsecond or a few (PAUSE takes 10 to
     * 140 cycles depending on the CPU); more would steal the core from the thread we wait for
     * when subtasks outnumber cores.
     */
    static final int SPIN_ROUNDS = 100;
    /**
     * The first park of a wait. Wake-ups are never lost (see above), so a park's timeout is
     * only a safety net, and it doubles on each round of the same wait up to
     * {@code PARK_NANOS << MAX_PARK_SHIFT} (64 ms): an idle pipeline then costs almost no CPU.
     * With a fixed 1 ms park, each idle thread woke a thousand times a second, about 1% of a
     * core each (IdleCostStressTest measured 5-9% of a core for seven idle threads).
     */
    static final long PARK_NANOS = 1_000_000L;
    private static final int MAX_PARK_SHIFT = 6;
    /**
     * Rounds that yield the core after the wait is announced, before the first park. Announced
     * first, so a producer deciding whether to hand over a partial batch sees a starving
     * consumer as before, and its {@link #wake()} finds the thread awake (an unpark without a
     * context switch). A yield is a system call, 1.4 µs on the machine measured, so ten cost a
     * thread fed a row every millisecond about 1.4% of a core. What they buy, on 2 cores, JMH
     * beside the loop, ten rounds against none alternated in one sitting (three times, two
     * forks each): W4 (five threads) 0.68x/0.68x/0.67x of the loop against 0.54x/0.59x/0.47x,
     * W2 0.79x/0.69x/0.75x against 0.62x/0.60x/0.74x, W3 0.22x against 0.21x; 50 and 200 rounds
     * did no better on the workloads.
     *
     * <p>That is the most a wait yields. Each thread adapts its own number, as HotSpot's
     * adaptive spinning does for monitors ({@link #adaptYieldRounds()}): a wait that yielded
     * through all its rounds and parked anyway halves the next wait's (10, 5, 2, 1, 0); a wait
     * that ended while yielding gives all ten back; with none left, every 32nd wait that parks
     * gives them back, to look again. A thread fed more slowly than its yields cover, such as
     * W2's count and sink subtasks (a 16,384-row batch takes a few hundred microseconds to
     * fill), went through nearly all its yields and parked on almost every wait: some 5,600
     * system calls and context switches per 10 M-event run for nothing. Adapting bought W4 12%,
     * W2 3% and W3 2% (JMH, three alternations, benchmarks/EXPERIMENTS.md, session 15), where
     * no yields at all bought W2 3-8% but cost W4 3-7% and W3 up to 10%.
     */
    static final int YIELD_ROUNDS = 10;
    /** The round at which parks stop growing; rounds never go past it, so they never overflow. */
    private static final int LAST_ROUND = SPIN_ROUNDS + 1 + YIELD_ROUNDS + MAX_PARK_SHIFT;

    private static final int RUNNING = 0;
    private static final int AWAITING_INPUT = 1;
    private static final int AWAITING_OUTPUT = 2;
    /** Awaiting input, and a whole park went by without a wake-up: see {@link #hasStarvedForAPark()}. */
    private static final int AWAITING_INPUT_PARKED = 3;

    private static final VarHandle WAITING;

    static {
        try {
            WAITING = MethodHandles.lookup().findVarHandle(WorkerLayout.State.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Job job;
    /** The channels this thread consumes, asked for their rows when it starves; see {@link #consumes}. */
    private BatchChannel[] inputs = new BatchChannel[0];
    /** The yield rounds of this thread's waits, at most {@link #YIELD_ROUNDS}; owner thread only. */
    private int yieldRounds = YIELD_ROUNDS;
    /** The round this thread's latest wait reached: where it ended, once the next one starts. */
    private int lastRound;
    /** Waits that parked with no yield rounds left; every 32nd gets them all back. */
    private int parkedWithoutYields;

    /** A worker whose waits end with {@link Cancellation} once {@code job} is cancelled or failed. */
    public Worker(Job job) {
        this.job = job;
        job.register(this);
    }

    /**
     * Called by {@link BatchChannel#registerConsumer} before the pipeline starts: once this
     * thread has slept through a whole park for lack of input, it asks each such channel's
     * producer to hand over the rows it holds ({@link BatchChannel#askForRows()}).
     */
    public void consumes(BatchChannel input) {
        BatchChannel[] grown = Arrays.copyOf(inputs, inputs.length + 1);
        grown[inputs.length] = input;
        inputs = grown;
    }

    /**
     * One round of waiting for input to arrive. See the class comment for the loop.
     *
     * @param round 0 on the first call of a wait, then what the previous call returned
     * @return the round to pass next time; it stops growing once parks reach their longest, so
     *     a wait of any length never overflows back into spinning
     * @throws Cancellation if the job is cancelled or failed
     */
    public int idleForInput(int round) {
        idle(round, AWAITING_INPUT);
        return round < LAST_ROUND ? round + 1 : round;
    }

    /** One round of waiting for a free batch to write into; like {@link #idleForInput(int)}. */
    public int idleForOutput(int round) {
        idle(round, AWAITING_OUTPUT);
        return round < LAST_ROUND ? round + 1 : round;
    }

    /** Ends a wait whose condition came true: the thread is no longer to be woken. */
    public void resume() {
        if (waiting != RUNNING) {
            waiting = RUNNING;
        }
    }

    /**
     * Unparks the thread if it announced a wait. Called by a neighbour after it published or
     * released a batch and issued a full fence.
     */
    public void wake() {
        if (waiting != RUNNING && (int) WAITING.getAndSet(this, RUNNING) != RUNNING) {
            LockSupport.unpark(owner);
        }
    }

    /**
     * Called by the job after it set its cancelled flag: unparks the thread if it ever waited.
     * Dekker once more, on the flag and {@code owner}: the job writes the flag then reads the
     * owner; the thread writes the owner (announcing) and later reads the flag before every
     * park. Either the job sees the owner and unparks it, or the thread sees the flag and
     * never parks.
     */
    void cancelled() {
        Thread thread = owner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * True while the thread has announced a wait, for input or for output: what {@link #wake()}
     * checks first, for a caller that would otherwise pay for a costlier check before it.
     */
    public boolean isWaiting() {
        return waiting != RUNNING;
    }

    /** True while the thread waits because it has nothing to read. */
    public boolean isStarving() {
        int w = waiting;
        return w == AWAITING_INPUT || w == AWAITING_INPUT_PARKED;
    }

    /**
     * True while the thread waits for input and has already slept through one whole park (at
     * least {@link #PARK_NANOS}) without anybody waking it: its producers have been quiet for
     * a millisecond or more, so rows they hold are worth handing over in a partial batch. A
     * consumer that merely drained its input a moment ago, between two full batches of a busy
     * producer, does not qualify; see {@code BatchChannel.commit()}.
     */
    public boolean hasStarvedForAPark() {
        return waiting == AWAITING_INPUT_PARKED;
    }

    private void idle(int round, int reason) {
        if (job.isCancelled()) {
            throw Cancellation.INSTANCE;
        }
        if (round == 0) {
            adaptYieldRounds();
        }
        lastRound = round;
        if (round < SPIN_ROUNDS) {
            Thread.onSpinWait();
            return;
        }
        int announced = waiting;
        if (announced != reason && !(reason == AWAITING_INPUT && announced == AWAITING_INPUT_PARKED)) {
            // Announce, then let the caller re-check its condition before we ever park.
            owner = Thread.currentThread();
            waiting = reason;
            VarHandle.fullFence();
            return;
        }
        int yields = yieldRounds;
        if (round <= SPIN_ROUNDS + yields) {
            Thread.yield();
            return;
        }
        LockSupport.parkNanos(this, PARK_NANOS << Math.max(0, Math.min(round - SPIN_ROUNDS - yields - 1, MAX_PARK_SHIFT)));
        if (job.isCancelled()) {
            throw Cancellation.INSTANCE;
        }
        // Only a cancel may interrupt a Rill thread, and that was handled above. Clear any
        // other interrupt, or every later park would return at once and the wait would spin.
        Thread.interrupted();
        if (reason == AWAITING_INPUT) {
            // Nobody woke us (a wake() would have reset the flag to RUNNING): say so, with a
            // compare-and-set so that a wake() racing with us is never overwritten.
            WAITING.compareAndSet(this, AWAITING_INPUT, AWAITING_INPUT_PARKED);
            if (waiting == AWAITING_INPUT_PARKED) {
                // Our producers look at that state only past their channel's limit: lower it,
                // after every park we sleep through, so that a request a batch change
                // swallowed is repeated.
                for (BatchChannel input : inputs) {
                    input.askForRows();
                }
            }
        }
    }

    /**
     * At the start of a wait, sets its yield rounds from where the previous wait ended (see
     * {@link #YIELD_ROUNDS}). The previous wait ran with the same number, so it parked exactly
     * when it went past {@code SPIN_ROUNDS + yieldRounds}.
     */
    private void adaptYieldRounds() {
        int last = lastRound;
        if (last > SPIN_ROUNDS + yieldRounds) {
            if (yieldRounds > 0) {
                yieldRounds >>= 1;
            } else if (++parkedWithoutYields % 32 == 0) {
                yieldRounds = YIELD_ROUNDS;
            }
        } else if (last > SPIN_ROUNDS) {
            yieldRounds = YIELD_ROUNDS;
        }
    }

    /** The yield rounds the next wait will make, once adapted; for tests. */
    int yieldRounds() {
        return yieldRounds;
    }
}
