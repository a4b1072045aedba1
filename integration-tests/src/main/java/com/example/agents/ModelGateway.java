package com.example.agents;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.telemetry.GenAiResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One {@code @LlmCall} per supported return shape, each a plain call of the real openai-java clients. */
public class ModelGateway {

    /** A user's own response type, read through {@link GenAiResponse}. */
    public record HouseAnswer(String text, String model, long tokensIn, long tokensOut) implements GenAiResponse {

        @Override
        public String responseModel() {
            return model;
        }

        @Override
        public long inputTokens() {
            return tokensIn;
        }

        @Override
        public long outputTokens() {
            return tokensOut;
        }

        @Override
        public List<String> finishReasons() {
            return List.of("stop");
        }
    }

    private final OpenAIClient client;
    private final OpenAIClientAsync asyncClient;

    public ModelGateway(OpenAIClient client, OpenAIClientAsync asyncClient) {
        this.client = client;
        this.asyncClient = asyncClient;
    }

    @LlmCall
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    @LlmCall
    public StreamResponse<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        return client.chat().completions().createStreaming(params);
    }

    @LlmCall
    public CompletableFuture<ChatCompletion> chatAsync(ChatCompletionCreateParams params) {
        return asyncClient.chat().completions().create(params);
    }

    @LlmCall
    public CreateEmbeddingResponse embed(EmbeddingCreateParams params) {
        return client.embeddings().create(params);
    }

    @LlmCall
    public Response respond(ResponseCreateParams params) {
        return client.responses().create(params);
    }

    @LlmCall
    public CompletableFuture<Response> respondAsync(ResponseCreateParams params) {
        return asyncClient.responses().create(params);
    }

    @LlmCall(provider = "acme", model = "house-model")
    public HouseAnswer house(String question) {
        return new HouseAnswer("42", "house-model-v2", 12, 3);
    }

    @LlmCall(provider = "acme", model = "house-model")
    public CompletableFuture<HouseAnswer> houseAsync(CompletableFuture<HouseAnswer> answer) {
        return answer;
    }
}
