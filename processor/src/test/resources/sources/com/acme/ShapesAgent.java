package com.acme;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One {@code @LlmCall} per supported return shape beyond the synchronous ChatCompletion. */
public class ShapesAgent {

    /** A user's own response type. */
    public record Answer(String text, long tokensIn, long tokensOut) implements GenAiResponse {
        @Override
        public long inputTokens() {
            return tokensIn;
        }

        @Override
        public long outputTokens() {
            return tokensOut;
        }
    }

    @LlmCall
    public StreamResponse<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        return null;
    }

    @LlmCall
    public CompletableFuture<ChatCompletion> chatAsync(ChatCompletionCreateParams params) {
        return null;
    }

    @LlmCall
    public CreateEmbeddingResponse embed(EmbeddingCreateParams params) {
        return null;
    }

    @LlmCall
    public CompletionStage<? extends CreateEmbeddingResponse> embedAsync(EmbeddingCreateParams params) {
        return null;
    }

    @LlmCall
    public Response respond(ResponseCreateParams params) {
        return null;
    }

    @LlmCall
    public CompletableFuture<Response> respondAsync(ResponseCreateParams params) {
        return null;
    }

    @LlmCall(model = "house-model", provider = "acme")
    public Answer ask(String question) {
        return null;
    }

    @LlmCall(model = "house-model", provider = "acme")
    public CompletableFuture<Answer> askAsync(String question) {
        return null;
    }
}
