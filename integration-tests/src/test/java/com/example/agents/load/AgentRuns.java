package com.example.agents.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs many agent runs the way an application would, and keeps what user code saw. */
final class AgentRuns {

    /** Prefix of the names of every thread user code runs on in these tests. */
    static final String USER_THREAD_PREFIX = "agent-";

    private AgentRuns() {}

    static String session(int run) {
        return "session-" + run;
    }

    static String input(int run) {
        return "question " + run;
    }

    /** What the runs returned (by run index) and every exception user code received. */
    record Outcome(List<String> answers, List<Throwable> failures, long nanos) {

        double microsPerRun() {
            return nanos / 1_000.0 / answers.size();
        }
    }

    /**
     * {@code runs} runs of {@code agent} on {@code runPool}: all submitted first, then released together (so that
     * as many run at once as the pool allows), awaited for up to 5 minutes. Timed from the release.
     */
    static Outcome run(LoadAgent agent, int runs, ExecutorService runPool) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            int run = i;
            futures.add(runPool.submit(() -> {
                gate.await();
                return agent.run(session(run), input(run));
            }));
        }
        long start = System.nanoTime();
        gate.countDown();
        List<String> answers = new ArrayList<>(runs);
        List<Throwable> failures = new ArrayList<>();
        for (Future<String> future : futures) {
            try {
                answers.add(future.get(5, TimeUnit.MINUTES));
            } catch (ExecutionException e) {
                answers.add(null);
                failures.add(e.getCause());
            } catch (TimeoutException e) {
                answers.add(null);
                failures.add(e);
            }
        }
        return new Outcome(answers, failures, System.nanoTime() - start);
    }

    /** The answers {@code runs} runs must give, computed without the agent. */
    static List<String> expectedAnswers(int runs) {
        List<String> expected = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            expected.add(LoadAgent.expectedAnswer(session(i), input(i)));
        }
        return expected;
    }

    /** A fixed pool of platform threads named {@code agent-<role>-N}. */
    static ExecutorService pool(String role, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, USER_THREAD_PREFIX + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    static void shutDown(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("pool did not stop: " + pool);
        }
    }

    /** Heap in use after a full collection, in MiB. */
    static double usedHeapMiBAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
