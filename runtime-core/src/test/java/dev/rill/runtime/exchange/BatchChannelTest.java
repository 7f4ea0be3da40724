package dev.rill.runtime.exchange;

import dev.rill.runtime.exec.Cancellation;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Worker;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The channel on its own: a producer thread and a consumer thread (the test's own), each with
 * the {@link Worker} a subtask would give it, and a {@link Job} only as the source of
 * cancellation.
 */
class BatchChannelTest {
    private final Job job = new Job("channel-test", new String[0]);
    private final Worker producerWorker = new Worker(job);
    private final Worker consumerWorker = new Worker(job);

    private BatchChannel channel(int batchRows, int ringBatches, int refWidth, int longWidth) {
        BatchChannel channel = new BatchChannel(batchRows, ringBatches, refWidth, longWidth);
        channel.registerProducer(producerWorker);
        channel.registerConsumer(consumerWorker);
        return channel;
    }

    @Test
    void fiveMillionSequenceNumbersArriveOnceInOrderAndTheLastBatchIsFlagged() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // Odd sizes so batch boundaries and ring wrap-around fall everywhere.
            sendSequence(5_000_000, 61, 3);
        });
    }

    @Test
    void oneRowBatchesInATwoBatchRingHandOverEveryRow() {
        // Every commit publishes and the producer waits on almost every row: stresses wake-ups.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sendSequence(100_000, 1, 2));
    }

    private void sendSequence(long count, int batchRows, int ringBatches) throws Exception {
        BatchChannel ch = channel(batchRows, ringBatches, 1, 1);
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (long i = 0; i < count; i++) {
                    Batch b = ch.batch;
                    int row = b.size;
                    b.longs[row] = i;
                    b.refs[row] = i; // boxed: a distinct reference per row
                    ch.commit();
                }
                ch.close();
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "test-producer");
        producer.start();

        long expected = 0;
        int lastFlags = 0;
        boolean ended = false;
        int round = 0;
        while (!ended) {
            Batch b = ch.poll();
            if (b == null) {
                if (producerFailure.get() != null) {
                    throw new AssertionError("producer failed", producerFailure.get());
                }
                round = consumerWorker.idleForInput(round);
                continue;
            }
            consumerWorker.resume();
            round = 0;
            for (int r = 0; r < b.size; r++) {
                long asLong = b.longs[r];
                Object asRef = b.refs[r];
                if (asLong != expected || !(asRef instanceof Long) || (Long) asRef != expected) {
                    fail("row " + expected + " arrived as " + asLong + " / " + asRef);
                }
                expected++;
            }
            if (b.isLast()) {
                lastFlags++;
                ended = true;
            }
            ch.release();
        }
        producer.join();
        assertNull(producerFailure.get());
        assertEquals(count, expected, "rows received");
        assertEquals(1, lastFlags, "exactly one last batch, at the end");
        assertNull(ch.poll(), "nothing after the last batch");
        assertFalse(ch.isReadable());
    }

    /**
     * A ring slot gets its batch when the producer first moves on to it, so a channel that
     * carries few rows allocates one batch, not a ring of them; past the first lap the same
     * batches go round.
     */
    @Test
    void aRingSlotGetsItsBatchWhenTheProducerFirstReachesItAndKeepsIt() {
        BatchChannel ch = channel(2, 4, 1, 1);
        assertNotNull(ch.ring[0], "the producer's first batch");
        for (int slot = 1; slot < 4; slot++) {
            assertNull(ch.ring[slot], "slot " + slot + " is not reached yet");
        }
        write(ch, 1);
        write(ch, 2); // full: published, and the producer moves on to slot 1
        assertNotNull(ch.ring[1]);
        assertNull(ch.ring[2], "slot 2 is not reached yet");

        Set<Batch> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long expected = 1;
        for (long row = 3; row <= 24; row++) { // eleven more batches: twelve in all, three laps of the ring
            write(ch, row);
            Batch b;
            while ((b = ch.poll()) != null) {
                seen.add(b);
                for (int r = 0; r < b.size; r++) {
                    assertEquals(expected++, b.longs[r], "rows in order across the laps");
                }
                ch.release();
            }
        }
        assertEquals(25, expected, "every row of the twelve full batches arrived");
        assertEquals(4, seen.size(), "the four batches of the ring, made once each");
        for (int slot = 0; slot < 4; slot++) {
            assertTrue(seen.contains(ch.ring[slot]), "slot " + slot + " holds a batch that went round");
        }
    }

    @Test
    void tryFlushPublishesAPartialBatchOnlyIfAFreeBatchIsAvailable() {
        BatchChannel ch = channel(4, 2, 1, 1);
        assertNull(ch.poll());
        assertFalse(ch.isReadable());
        assertFalse(ch.tryFlush(), "an empty batch is not published");

        write(ch, 10);
        assertTrue(ch.tryFlush(), "one row, and batch 1 is free");
        assertTrue(ch.isReadable());

        write(ch, 11);
        assertFalse(ch.tryFlush(), "batch 0 is published and batch 1 is held: nothing free to move on to");
        assertEquals(1, ch.batch.size, "the row stays with the producer");

        Batch first = ch.poll();
        assertNotNull(first);
        assertSame(first, ch.poll(), "poll without release returns the same batch");
        assertEquals(1, first.size);
        assertEquals(10, first.longs[0]);
        assertFalse(first.isLast());
        ch.release();
        assertNull(ch.poll());

        assertTrue(ch.tryFlush(), "batch 0 was released");
        Batch second = ch.poll();
        assertEquals(1, second.size);
        assertEquals(11, second.longs[0]);
        ch.release();
    }

    /**
     * publishNow() hands over the current batch at once, partial or empty, stamped with the
     * producer's watermark as it is now, so a row written after it reaches the consumer behind
     * that watermark; it waits for a free batch rather than keep the row back.
     */
    @Test
    void publishNowHandsOverTheBatchWithTheWatermarkOfNowAndWaitsForAFreeOne() throws Exception {
        BatchChannel ch = channel(4, 2, 0, 1);
        long[] watermark = {5};
        ch.registerWatermarks(() -> watermark[0]);
        write(ch, 1);
        watermark[0] = 9;
        ch.publishNow();
        write(ch, 2);
        Batch first = ch.poll();
        assertEquals(1, first.size);
        assertEquals(1, first.longs[0]);
        assertEquals(9, first.watermark(), "the watermark when it was published, after the row");
        assertEquals(1, ch.batch.size, "the row written after stays with the producer");

        // both batches taken (one published, one being written): publishNow waits for a release
        watermark[0] = 12;
        Thread producer = new Thread(ch::publishNow);
        producer.start();
        awaitState(producer, Thread.State.TIMED_WAITING);
        ch.release();
        producer.join(5_000);
        assertFalse(producer.isAlive());
        Batch second = ch.poll();
        assertEquals(1, second.size);
        assertEquals(2, second.longs[0]);
        assertEquals(12, second.watermark());
        ch.release();

        ch.publishNow();
        Batch empty = ch.poll();
        assertEquals(0, empty.size, "an empty batch goes too: it carries the watermark");
        assertEquals(12, empty.watermark());
        ch.release();
    }

    @Test
    void closePublishesTheCurrentBatchMarkedLastEvenIfEmpty() {
        BatchChannel ch = channel(4, 2, 1, 0);
        ch.close();
        Batch last = ch.poll();
        assertNotNull(last);
        assertTrue(last.isLast());
        assertEquals(0, last.size);
        ch.release();
        assertTrue(ch.isClosed());
        assertNull(ch.batch);
        ch.close(); // idempotent
        assertNull(ch.poll());
    }

    @Test
    void releaseClearsReferencesAndRequiresAPolledBatch() {
        BatchChannel ch = channel(4, 2, 2, 0);
        assertThrows(IllegalStateException.class, ch::release);
        Batch b = ch.batch;
        b.refs[0] = "key";
        b.refs[1] = "element";
        ch.commit();
        ch.close();
        Batch polled = ch.poll();
        assertSame(b, polled);
        assertEquals(1, polled.size);
        ch.release();
        assertNull(polled.refs[0], "consumed elements are not kept alive by the ring");
        assertNull(polled.refs[1]);
        assertEquals(0, polled.size);
    }

    @Test
    void producerBlocksWhileTheRingIsFullUntilTheConsumerReleases() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BatchChannel ch = channel(1, 2, 0, 1);
            AtomicInteger committed = new AtomicInteger();
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    write(ch, i);
                    committed.incrementAndGet();
                }
            }, "test-producer");
            producer.start();

            // Row 0 publishes batch 0 and takes batch 1; row 1 publishes batch 1 and must wait
            // for batch 0 to come back.
            awaitState(producer, Thread.State.TIMED_WAITING);
            assertEquals(1, committed.get(), "blocked in the second commit");
            Thread.sleep(50);
            assertEquals(1, committed.get(), "still blocked");

            assertEquals(0, ch.poll().longs[0]);
            ch.release();
            // Row 1's commit returns; row 2 publishes batch 0 again and waits for batch 1.
            awaitValue(committed, 2);
            awaitState(producer, Thread.State.TIMED_WAITING);
            assertEquals(2, committed.get());

            assertEquals(1, ch.poll().longs[0]);
            ch.release();
            producer.join();
            assertEquals(3, committed.get());
            assertEquals(2, ch.poll().longs[0]);
        });
    }

    @Test
    void aReleaseThatFreesHalfTheRingWakesTheProducerWaitingForRoom() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // A ring of four one-row batches: rows 0-3 publish four batches, and row 3's commit
            // then waits for one to come back.
            BatchChannel ch = channel(1, 4, 0, 1);
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 4; i++) {
                    write(ch, i);
                }
            }, "test-producer");
            producer.start();
            // A worker parks only after announcing its wait (Worker's class comment).
            awaitState(producer, Thread.State.TIMED_WAITING);
            assertTrue(producerWorker.isWaiting(), "a parked producer has announced its wait");
            // Long enough for its parks to have grown to 64 ms: it will not wake by itself
            // between the two releases and the check below.
            Thread.sleep(200);

            assertEquals(0, ch.poll().longs[0]);
            ch.release();
            assertEquals(1, ch.poll().longs[0]);
            ch.release();
            // Half the ring is free: the second release must have woken it (wake() clears the
            // flag before it unparks), not left it to its next timeout.
            assertFalse(producerWorker.isWaiting(), "producer still waiting after half the ring was released");
            producer.join();
        });
    }

    @Test
    void cancellationUnblocksABlockedProducer() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BatchChannel ch = channel(1, 2, 0, 1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        write(ch, i);
                    }
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "test-producer");
            producer.start();
            awaitState(producer, Thread.State.TIMED_WAITING);
            long start = System.nanoTime();
            job.cancel();
            producer.join();
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "unblocked promptly");
            assertSame(Cancellation.INSTANCE, thrown.get());
        });
    }

    @Test
    void cancellationUnblocksAWaitingConsumer() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BatchChannel ch = channel(4, 2, 0, 1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread consumer = new Thread(() -> {
                try {
                    for (int round = 0; ch.poll() == null; ) {
                        round = consumerWorker.idleForInput(round);
                    }
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "test-consumer");
            consumer.start();
            awaitState(consumer, Thread.State.TIMED_WAITING);
            job.cancel();
            consumer.join();
            assertSame(Cancellation.INSTANCE, thrown.get());
        });
    }

    @Test
    void aRowReachesAnIdleConsumerWithoutWaitingForTheBatchToFill() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BatchChannel ch = channel(256, 4, 0, 1);
            CountDownLatch received = new CountDownLatch(1);
            Thread consumer = new Thread(() -> {
                Batch b;
                for (int round = 0; (b = ch.poll()) == null; ) {
                    round = consumerWorker.idleForInput(round);
                }
                consumerWorker.resume();
                if (b.size == 1 && b.longs[0] == 42 && !b.isLast()) {
                    received.countDown();
                }
                ch.release();
            }, "test-consumer");
            consumer.start();
            awaitState(consumer, Thread.State.TIMED_WAITING); // parked: starving for input
            write(ch, 42); // one row of 256, no flush, no close
            assertTrue(received.await(5, TimeUnit.SECONDS), "the consumer got the single row");
            consumer.join();
        });
    }

    @Test
    void aBusyProducerKeepsFillingItsBatchWhileTheConsumerHasJustDrained() {
        // The test thread plays both sides, and steps the consumer's worker by hand.
        BatchChannel ch = channel(4, 4, 0, 1);
        for (int i = 0; i < 4; i++) {
            write(ch, i); // a full batch: the producer is busy
        }
        Batch full = ch.poll();
        assertEquals(4, full.size);
        ch.release();
        int round = announceStarving(); // starving, not yet parked
        assertTrue(consumerWorker.isStarving());
        assertFalse(consumerWorker.hasStarvedForAPark());
        write(ch, 4);
        write(ch, 5);
        assertNull(ch.poll(), "rows after a full batch wait for the batch to fill");

        // The rounds that only yield, then one whole park with nobody waking the consumer: the
        // producer has gone quiet.
        for (int rounds = 0; !consumerWorker.hasStarvedForAPark(); rounds++) {
            assertTrue(rounds < 100, "a consumer nobody wakes parks within a few rounds");
            assertNull(ch.poll(), "rows wait while the consumer only yields");
            round = consumerWorker.idleForInput(round);
        }
        write(ch, 6);
        Batch partial = ch.poll();
        assertNotNull(partial, "a consumer idle for a whole park gets the partial batch");
        assertEquals(3, partial.size);
        assertEquals(6, partial.longs[2]);
        ch.release();
        consumerWorker.resume();
    }

    @Test
    void aTrickleReachesAnIdleConsumerRowByRow() {
        BatchChannel ch = channel(4, 4, 0, 1);
        for (int i = 0; i < 3; i++) {
            announceStarving();
            write(ch, i); // first row of its batch, and no full batch before it
            Batch b = ch.poll();
            assertNotNull(b, "row " + i + " handed over at once");
            assertEquals(1, b.size);
            assertEquals(i, b.longs[0]);
            ch.release();
            assertFalse(consumerWorker.isStarving(), "the hand-over woke the consumer");
        }
    }

    @Test
    void aChannelHasOneProducerAndOneConsumer() {
        BatchChannel ch = channel(4, 2, 0, 1);
        ch.registerProducer(producerWorker); // the same one again is fine
        assertThrows(IllegalStateException.class, () -> ch.registerProducer(new Worker(job)));
        assertThrows(IllegalStateException.class, () -> ch.registerConsumer(new Worker(job)));
        assertThrows(IllegalArgumentException.class, () -> new BatchChannel(4, 1, 0, 1));
    }

    /** Steps the consumer's worker, on the test thread, until it announces that it waits for input; returns the next round, a park. */
    private int announceStarving() {
        int round = 0;
        while (!consumerWorker.isStarving()) {
            round = consumerWorker.idleForInput(round);
        }
        return round;
    }

    private static void write(BatchChannel ch, long value) {
        Batch b = ch.batch;
        b.longs[b.size * b.longWidth()] = value;
        ch.commit();
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        while (thread.getState() != state) {
            if (!thread.isAlive()) {
                fail(thread.getName() + " ended instead of waiting");
            }
            Thread.sleep(1);
        }
    }

    private static void awaitValue(AtomicInteger counter, int value) throws InterruptedException {
        while (counter.get() < value) {
            Thread.sleep(1);
        }
    }

    /**
     * The producer's publication stays one method larger than HotSpot's FreqInlineSize (325
     * bytes of bytecode), so that C2 never inlines it into the per-row code of a chain: see
     * {@code BatchChannel.handOver}'s Javadoc for what JDK 17 does otherwise (a source's
     * events allocated in about a third of JVMs on W4). An edit that shrinks it or splits it
     * again fails here rather than in a benchmark fork that happens to lose the race.
     */
    @Test
    void thePublicationStaysTooLargeForTheJitToInlineIntoPerRowCode() throws Exception {
        int freqInlineSize = 325;
        int last = lastInstructionOffset(BatchChannel.class, "handOver");
        assertTrue(last >= freqInlineSize, "handOver's last instruction is at " + last + ", so it may not be over FreqInlineSize (" + freqInlineSize + ")"
                + ": C2 on JDK 17 would inline it into each chain once it has run 100 times");
    }

    /**
     * The offset of the last instruction of {@code type}'s method {@code name}, from
     * {@code javap -c -p} (as {@code PreAggregationTest} reads generated code): a lower bound of
     * its bytecode size.
     */
    private static int lastInstructionOffset(Class<?> type, String name) throws Exception {
        String classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes, type.getName());
        assertEquals(0, status, out.toString());
        Pattern instruction = Pattern.compile("^\\s+(\\d+): [a-z]");
        int last = -1;
        boolean inMethod = false;
        for (String line : out.toString().lines().toList()) {
            if (line.matches("^  \\S.*\\(.*\\).*[;{]?$")) {
                inMethod = line.contains(" " + name + "(");
                continue;
            }
            Matcher m = instruction.matcher(line);
            if (inMethod && m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        assertTrue(last >= 0, "no method " + name + " in\n" + out);
        return last;
    }
}
