package dev.rill.runtime.handwritten;

import dev.rill.runtime.PipelineException;
import dev.rill.runtime.PipelineResult;
import dev.rill.runtime.RunningPipeline;
import dev.rill.runtime.StageMetrics;
import dev.rill.runtime.exchange.BatchChannel;
import dev.rill.runtime.exec.Job;
import dev.rill.runtime.exec.Metrics;
import dev.rill.runtime.exec.SourceSubtask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

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
 * Whole runs of hand-written subtasks, built the way generated code will build them, from a
 * package outside the runtime: a {@link NumberSource} per source subtask, an exchange, a
 * {@link CheckingSink} per sink subtask.
 */
class JobTest {
    private static final String[] STAGES = {"numbers", "sink"};
    private static final long UNBOUNDED = Long.MAX_VALUE;

    /** A pipeline: sources numbers(p=sources) -> hash exchange -> sink(p=sinks). */
    private static final class Pipeline {
        final Job job;
        final NumberSource[] sources;
        final CheckingSink[] sinks;

        Pipeline(String name, int sourceCount, int sinkCount, long limit, long failOn) {
            job = new Job(name, STAGES);
            BatchChannel[][] exchange = job.exchange(sourceCount, sinkCount, 1, 1);
            sources = new NumberSource[sourceCount];
            sinks = new CheckingSink[sinkCount];
            for (int i = 0; i < sourceCount; i++) {
                sources[i] = new NumberSource(job, i, sourceCount, exchange[i], limit);
                job.add(sources[i]);
            }
            for (int i = 0; i < sinkCount; i++) {
                sinks[i] = new CheckingSink(job, i, sinkCount, Job.column(exchange, i), sourceCount, failOn);
                job.add(sinks[i]);
            }
        }

        long progress() {
            long total = 0;
            for (CheckingSink sink : sinks) {
                total += sink.progress.get();
            }
            return total;
        }
    }

    private static List<Thread> liveThreads(String pipeline) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rill-" + pipeline + "-") && t.isAlive())
                .collect(Collectors.toList());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void aBoundedTwoToOneRunDeliversEverythingOnceAndTheMetricsAddUp() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long n = 2_000_000;
            Pipeline p = new Pipeline("twoToOne", 2, 1, n, -1);
            PipelineResult result = p.job.run();

            CheckingSink sink = p.sinks[0];
            assertEquals(n, sink.received);
            assertEquals(n, sink.seen.cardinality(), "every number arrived");
            assertEquals(0, sink.duplicates);
            assertEquals(0, sink.outOfOrder, "order kept per source subtask");
            assertEquals(0, sink.refMismatches);
            assertTrue(sink.endOfInputCalled);
            assertEquals(List.of(new StageMetrics("numbers", 0, n), new StageMetrics("sink", n, 0)), result.stages());
            assertFalse(result.cancelled());
            assertEquals(0, result.lateElements());
            assertTrue(result.wallTime().toNanos() > 0);
            assertEquals(List.of(), liveThreads("twoToOne"));
        });
    }

    @Test
    void aHashExchangeRoutesEveryKeyToTheSubtaskOwningItsKeyGroup() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long n = 300_000;
            Pipeline p = new Pipeline("hashed", 2, 3, n, -1);
            PipelineResult result = p.job.run();
            long received = 0;
            for (CheckingSink sink : p.sinks) {
                assertEquals(0, sink.misrouted);
                assertEquals(0, sink.duplicates);
                assertEquals(0, sink.outOfOrder);
                assertTrue(sink.received > n / 4, "each of 3 sinks gets about a third: " + sink.received);
                received += sink.received;
            }
            assertEquals(n, received);
            assertEquals(n, result.stage("sink").elementsIn());
            assertEquals(n, result.stage("numbers").elementsOut());
        });
    }

    @Test
    void aFailureInAConsumerStopsThePipelineAndRunThrowsIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Pipeline p = new Pipeline("failing", 2, 1, UNBOUNDED, 4242);
            PipelineException e = assertThrows(PipelineException.class, p.job::run);
            assertEquals("sink", e.stage());
            assertEquals(0, e.subtask());
            assertEquals("4242", e.element());
            assertNotNull(p.sinks[0].thrown);
            assertSame(p.sinks[0].thrown, e.getCause(), "the user's exception is the cause");
            assertTrue(e.getMessage().contains("sink") && e.getMessage().contains("subtask 0")
                    && e.getMessage().contains("4242") && e.getMessage().contains("cannot take 4242"), e.getMessage());
            assertEquals(List.of(), liveThreads("failing"));
        });
    }

    @Test
    void aFailureInASourceStopsThePipeline() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Job job = new Job("sourceFails", STAGES);
            BatchChannel[][] exchange = job.exchange(2, 1, 1, 1);
            IllegalArgumentException boom = new IllegalArgumentException("bad input file");
            job.add(new NumberSource(job, 0, 2, exchange[0], UNBOUNDED));
            job.add(new NumberSource(job, 1, 2, exchange[1], UNBOUNDED) {
                @Override
                void produce() {
                    for (long i = 1; i < 1_000; i += 2) {
                        emit(i);
                    }
                    throw boom;
                }
            });
            job.add(new CheckingSink(job, 0, 1, Job.column(exchange, 0), 2, -1));
            PipelineException e = assertThrows(PipelineException.class, job::run);
            assertEquals("numbers", e.stage());
            assertEquals(1, e.subtask());
            assertNull(e.element());
            assertSame(boom, e.getCause());
            assertEquals(List.of(), liveThreads("sourceFails"));
        });
    }

    @Test
    void anUnexpectedThrowableEscapingASubtaskBecomesAPipelineException() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Job job = new Job("broken", STAGES);
            BatchChannel[][] exchange = job.exchange(1, 1, 1, 1);
            job.add(new NumberSource(job, 0, 1, exchange[0], UNBOUNDED));
            job.add(new CheckingSink(job, 0, 1, Job.column(exchange, 0), 1, -1));
            job.add(new SourceSubtask(job, "crashing", 0, 1) {
                @Override
                protected void execute() {
                    throw new NullPointerException("no failure() around this");
                }

                @Override
                protected void reportMetrics(Metrics metrics) {
                }
            });
            PipelineException e = assertThrows(PipelineException.class, job::run);
            assertEquals("crashing", e.stage(), "the subtask's name stands in for the stage");
            assertTrue(e.getCause() instanceof NullPointerException);
            assertEquals(List.of(), liveThreads("broken"));
        });
    }

    @Test
    void cancelStopsUnboundedSourcesAndAwaitReturnsWithinASecond() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Pipeline p = new Pipeline("cancelled", 2, 1, UNBOUNDED, -1);
            RunningPipeline running = p.job.start();
            awaitTrue(() -> p.progress() > 100_000, "elements to flow");

            List<Thread> threads = liveThreads("cancelled");
            assertEquals(List.of("rill-cancelled-numbers-0", "rill-cancelled-numbers-1", "rill-cancelled-sink-0"),
                    threads.stream().map(Thread::getName).sorted().collect(Collectors.toList()));
            assertTrue(threads.stream().noneMatch(Thread::isDaemon), "a running pipeline keeps the JVM alive");

            long start = System.nanoTime();
            running.cancel();
            PipelineResult result = running.await();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1_000, "await took " + millis + " ms");
            assertTrue(result.cancelled());
            assertEquals(List.of(), liveThreads("cancelled"));
            assertTrue(result.stage("numbers").elementsOut() >= result.stage("sink").elementsIn());
            assertEquals(p.sinks[0].received, result.stage("sink").elementsIn());
        });
    }

    @Test
    void cancelInterruptsASourceSleepingInUserCodeAndIgnoresWhatItThrowsThen() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Job job = new Job("sleepy", STAGES);
            BatchChannel[][] exchange = job.exchange(1, 1, 1, 1);
            AtomicBoolean asleep = new AtomicBoolean();
            job.add(new NumberSource(job, 0, 1, exchange[0], UNBOUNDED) {
                @Override
                void produce() throws InterruptedException {
                    emit(1);
                    asleep.set(true);
                    Thread.sleep(60_000); // throws InterruptedException on cancel, wrapped by failure()
                }
            });
            job.add(new CheckingSink(job, 0, 1, Job.column(exchange, 0), 1, -1));
            RunningPipeline running = job.start();
            awaitTrue(asleep::get, "the source to sleep");
            long start = System.nanoTime();
            running.cancel();
            PipelineResult result = running.await(); // no PipelineException: failures after cancel are ignored
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000);
            assertTrue(result.cancelled());
            assertEquals(List.of(), liveThreads("sleepy"));
        });
    }

    @Test
    void interruptingTheThreadInRunCancelsAndKeepsTheInterruptFlag() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Pipeline p = new Pipeline("interrupted", 2, 1, UNBOUNDED, -1);
            AtomicReference<PipelineResult> result = new AtomicReference<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    result.set(p.job.run());
                    flagKept.set(Thread.currentThread().isInterrupted());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "caller");
            caller.start();
            awaitTrue(() -> p.progress() > 10_000, "elements to flow");
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(caller.isAlive());
            assertNull(failure.get());
            assertTrue(result.get().cancelled());
            assertTrue(flagKept.get(), "run() restores the interrupt flag");
            assertEquals(List.of(), liveThreads("interrupted"));
        });
    }

    @Test
    void rowsOfAnIdleSourceReachTheSinkBeforeTheBatchFills() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Job job = new Job("trickle", STAGES);
            BatchChannel[][] exchange = job.exchange(1, 1, 1, 1);
            CheckingSink[] sink = new CheckingSink[1];
            job.add(new NumberSource(job, 0, 1, exchange[0], UNBOUNDED) {
                @Override
                void produce() throws InterruptedException {
                    // Like a source polling an external system: one element, then a long quiet
                    // spell. It only ends once the sink has the element, which the default
                    // 256-row batch would hold back until close() without idle hand-over.
                    for (long i = 0; i < 3; i++) {
                        emit(i);
                        long target = i + 1;
                        while (!isCancelled() && sink[0].progress.get() < target) {
                            Thread.sleep(1);
                        }
                    }
                }
            });
            sink[0] = new CheckingSink(job, 0, 1, Job.column(exchange, 0), 1, -1);
            job.add(sink[0]);
            PipelineResult result = job.run();
            assertEquals(3, result.stage("sink").elementsIn());
        });
    }

    @Test
    void startRefusesAnExchangeChannelWithoutAConsumer() {
        Job job = new Job("miswired", STAGES);
        BatchChannel[][] exchange = job.exchange(1, 2, 1, 1);
        job.add(new NumberSource(job, 0, 1, exchange[0], 10));
        job.add(new CheckingSink(job, 0, 2, Job.column(exchange, 0), 1, -1)); // subtask 1 missing
        assertThrows(IllegalStateException.class, job::start);
        assertEquals(List.of(), liveThreads("miswired"));
    }
}
