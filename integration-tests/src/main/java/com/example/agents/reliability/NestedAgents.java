package com.example.agents.reliability;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/** Agent runs inside agent runs: recursive, on another thread, and runs that wait for the test. */
public class NestedAgents {

    /** A run whose iteration starts a run of depth - 1, down to 0. */
    @AgentRun(name = "recursive-agent", maxIterations = 2)
    public String recursive(@SessionId String sessionId, int depth) {
        return descend(sessionId, depth);
    }

    @Iteration
    String descend(String sessionId, int depth) {
        return depth == 0 ? "leaf" : "(" + recursive(sessionId + "/" + depth, depth - 1) + ")";
    }

    /** A run whose iteration has {@link #recursive} (depth 0) run on {@code executor}, and waits for it. */
    @AgentRun(name = "delegating-agent", maxIterations = 1)
    public String delegate(@SessionId String sessionId, Executor executor) {
        return handOver(sessionId, executor);
    }

    @Iteration
    String handOver(String sessionId, Executor executor) {
        return CompletableFuture.supplyAsync(() -> recursive(sessionId + "-worker", 0), executor).join();
    }

    /** A run that signals {@code started} from its iteration, then waits for {@code release} before its tool call. */
    @AgentRun(name = "waiting-agent", maxIterations = 1)
    public String waiting(@SessionId String sessionId, CountDownLatch started, CountDownLatch release) {
        return waitThenFinish(sessionId, started, release);
    }

    @Iteration
    String waitThenFinish(String sessionId, CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return finish(sessionId);
    }

    @Tool(name = "finish")
    public String finish(String sessionId) {
        return "done " + sessionId;
    }
}
