package com.example.agents.reliability;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.annotations.UserQuery;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An agent for bad input: every value it receives is passed on and handed back as it is, so that
 * {@code null}s, huge strings and control characters reach every extractor, and {@code null}
 * comes back from every kind of annotated method.
 */
public class InputAgent {

    private final OpenAIClient client;

    public InputAgent(OpenAIClient client) {
        this.client = client;
    }

    /** Returns the query as looked up by the tool; {@code null} for a {@code null} query. */
    @AgentRun(name = "input-agent", maxIterations = 1)
    public String run(@SessionId String sessionId, @UserQuery String query, String toolCallId) {
        Optional<String> answer = step(toolCallId, query);
        return answer == null ? null : answer.orElse(null);
    }

    /** {@code null} (not an empty {@code Optional}) when the tool found nothing. */
    @Iteration
    Optional<String> step(String toolCallId, String query) {
        String found = lookup(toolCallId, query);
        return found == null ? null : Optional.of(found);
    }

    @Tool(name = "lookup")
    public String lookup(@ToolCallId String toolCallId, String query) {
        return query;
    }

    /** A real call: the request may be {@code null}, in which case openai-java's own exception is what the caller gets. */
    @LlmCall
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    @LlmCall
    public StreamResponse<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        return client.chat().completions().createStreaming(params);
    }

    @LlmCall
    public ChatCompletion nullChat(ChatCompletionCreateParams params) {
        return null;
    }

    @LlmCall
    public StreamResponse<ChatCompletionChunk> nullStream(ChatCompletionCreateParams params) {
        return null;
    }

    @LlmCall
    public CompletableFuture<ChatCompletion> nullFuture(ChatCompletionCreateParams params) {
        return null;
    }

    @LlmCall(provider = "acme", model = "house-model")
    public FaultyResponse nullAnswer() {
        return null;
    }
}
