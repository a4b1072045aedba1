package dev.agentotel.benchmarks;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import java.util.List;

/** {@link PlainAgent}, annotated: one {@code invoke_agent} → {@code agent.iteration} → chat + tool tree per run. */
public class AnnotatedAgent {

    private final CannedChat model;
    private final ChatCompletionCreateParams params;

    public AnnotatedAgent(CannedChat model, ChatCompletionCreateParams params) {
        this.model = model;
        this.params = params;
    }

    @AgentRun(name = PlainAgent.NAME, maxIterations = PlainAgent.MAX_ITERATIONS, provider = "openai")
    public String answer(@SessionId String sessionId, String question) {
        for (int i = 0; i < PlainAgent.MAX_ITERATIONS; i++) {
            if (step(question)) {
                return PlainAgent.ANSWER;
            }
        }
        return null;
    }

    @Iteration
    boolean step(String question) {
        ChatCompletion completion = chat(params);
        List<String> documents = search(PlainAgent.TOOL_CALL_ID, question);
        return !documents.isEmpty() && completion != null;
    }

    @LlmCall
    ChatCompletion chat(ChatCompletionCreateParams params) {
        return model.create(params);
    }

    @Tool(name = PlainAgent.TOOL_NAME, description = PlainAgent.TOOL_DESCRIPTION)
    List<String> search(@ToolCallId String callId, String query) {
        return PlainAgent.DOCUMENTS;
    }
}
