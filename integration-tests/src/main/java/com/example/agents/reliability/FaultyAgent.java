package com.example.agents.reliability;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.annotations.UserQuery;
import java.util.List;
import java.util.function.Supplier;

/**
 * Annotated methods that hand back what they are given: the reliability tests pass in objects
 * that make telemetry fail (a {@code toString} that recurses, getters that throw) and check that
 * the method's own result or throwable reaches the caller unchanged.
 */
public class FaultyAgent {

    @AgentRun(name = "faulty-agent", maxIterations = 2)
    public Object run(@SessionId CharSequence sessionId, @UserQuery CharSequence query, Supplier<?> body) {
        return step(body);
    }

    @Iteration
    Object step(Supplier<?> body) {
        return body.get();
    }

    @Tool(name = "pass_through")
    public Object passThrough(@ToolCallId CharSequence callId, Object argument, Object result) {
        return result;
    }

    @AgentRun(name = "answering-agent", maxIterations = 1)
    public CharSequence answerWith(CharSequence answer) {
        return answer;
    }

    @Tool(name = "list_results")
    public List<String> listResults(List<String> results) {
        return results;
    }

    @Tool(name = "rethrow")
    public Object rethrow(Throwable failure) throws Throwable {
        throw failure;
    }

    /** Recurses until the stack overflows. */
    @Tool(name = "recurse")
    public long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    @LlmCall(provider = "acme", model = "house-model")
    public FaultyResponse answer(FaultyResponse response) {
        return response;
    }
}
