package com.example.agents.load;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.baggage.Baggage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The agent of the load and exporter-down tests: each run makes {@value #ITERATIONS} iterations,
 * each one LLM call and {@value #TOOLS} tool calls in parallel on the executor it was given, i.e.
 * {@value #SPANS_PER_RUN} spans per run. Its answer depends only on its input, never on
 * telemetry, threads or timing, so runs with and without telemetry can be compared.
 */
public class LoadAgent {

    public static final int ITERATIONS = 2;
    public static final int TOOLS = 3;
    /** invoke_agent + per iteration: agent.iteration, chat, the tools. */
    public static final int SPANS_PER_RUN = 1 + ITERATIONS * (2 + TOOLS);

    private final StubModel model;
    private final Executor tools;
    private final BiConsumer<String, String> baggageSeen;

    /**
     * @param tools       where tool calls run (wrap it with {@code AgentContext} to keep their parent)
     * @param baggageSeen told, per tool call id, the session baggage the tool saw on its thread
     */
    public LoadAgent(StubModel model, Executor tools, BiConsumer<String, String> baggageSeen) {
        this.model = model;
        this.tools = tools;
        this.baggageSeen = baggageSeen;
    }

    /** The answer {@link #run} gives for {@code input}, computed without the agent. */
    public static String expectedAnswer(String sessionId, String input) {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < ITERATIONS; i++) {
            answer.append(StubModel.answer(input + "#" + i));
            for (int t = 0; t < TOOLS; t++) {
                answer.append(';').append(toolResult(sessionId + "-" + i + "-" + t, input));
            }
            answer.append('\n');
        }
        return answer.toString();
    }

    @AgentRun(name = "load-agent", maxIterations = ITERATIONS)
    public String run(@SessionId String sessionId, String input) {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < ITERATIONS; i++) {
            answer.append(step(sessionId, input, i)).append('\n');
        }
        return answer.toString();
    }

    @Iteration
    String step(String sessionId, String input, int iteration) {
        ChatCompletion completion = chat(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage(input + "#" + iteration)
                .build());
        List<CompletableFuture<String>> calls = new ArrayList<>(TOOLS);
        for (int t = 0; t < TOOLS; t++) {
            String callId = sessionId + "-" + iteration + "-" + t;
            calls.add(CompletableFuture.supplyAsync(() -> lookup(callId, input), tools));
        }
        StringBuilder step = new StringBuilder(completion.choices().get(0).message().content().orElse(""));
        for (CompletableFuture<String> call : calls) {
            step.append(';').append(call.join());
        }
        return step.toString();
    }

    @LlmCall
    ChatCompletion chat(ChatCompletionCreateParams params) {
        return model.create(params);
    }

    @Tool(name = "lookup", description = "Looks the input up")
    String lookup(@ToolCallId String callId, String query) {
        baggageSeen.accept(callId, Baggage.current().getEntryValue(GenAiAttributes.BAGGAGE_SESSION_ID));
        return toolResult(callId, query);
    }

    private static String toolResult(String callId, String query) {
        return callId + ":" + query.length();
    }
}
