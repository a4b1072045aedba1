package com.example.agents;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.baggage.Baggage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * An agent that hands its work to other threads: tool calls run in parallel within an iteration,
 * or whole iterations run on a worker. Whether their spans join the run depends only on the
 * executor the caller passes (wrapped with {@code AgentContext} or not).
 */
public class ParallelAgent {

    /** One iteration, all {@code queries} as parallel tool calls on {@code executor}. */
    @AgentRun(name = "parallel-agent", maxIterations = 3)
    public List<String> parallelTools(@SessionId String sessionId, List<String> queries, Executor executor) {
        return step(queries, query -> CompletableFuture.supplyAsync(() -> lookup("call-" + query, query), executor));
    }

    /** As {@link #parallelTools}, each tool call started by {@code dispatch} (e.g. a helper). */
    @AgentRun(name = "parallel-agent", maxIterations = 3)
    public List<String> dispatchedTools(@SessionId String sessionId, List<String> queries,
            Function<String, CompletableFuture<String>> dispatch) {
        return step(queries, dispatch);
    }

    /** {@code iterations} iterations, one after the other, each run on {@code executor}. */
    @AgentRun(name = "parallel-agent", maxIterations = 3)
    public List<String> iterationsOnWorkers(@SessionId String sessionId, int iterations, Executor executor) {
        List<String> results = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            String query = "q" + i;
            results.addAll(CompletableFuture.supplyAsync(
                    () -> step(List.of(query), q -> CompletableFuture.completedFuture(lookup("call-" + q, q))),
                    executor).join());
        }
        return results;
    }

    @Iteration
    List<String> step(List<String> queries, Function<String, CompletableFuture<String>> dispatch) {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (String query : queries) {
            calls.add(dispatch.apply(query));
        }
        List<String> results = new ArrayList<>();
        for (CompletableFuture<String> call : calls) {
            results.add(call.join());
        }
        return results;
    }

    /** Answers with what the tool saw: its query, its thread and the session baggage. */
    @Tool(name = "lookup")
    public String lookup(@ToolCallId String callId, String query) {
        return query + "|" + Thread.currentThread().getName() + "|"
                + Baggage.current().getEntryValue(GenAiAttributes.BAGGAGE_SESSION_ID);
    }
}
