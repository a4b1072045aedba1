package dev.agentotel.telemetry;

import java.util.List;

/**
 * Implement this on your own response type to make it a valid {@code @LlmCall} return type (also
 * inside a {@code CompletableFuture}): agentotel then reads the response model, token usage and
 * finish reasons from it, as it does from openai-java's types. Every method has a default meaning
 * "unknown", which records nothing; implement those your type knows.
 *
 * <p>The methods are called once per call, on the thread that completes the call, and must not
 * block. An exception thrown here is logged once and the span keeps what was read before it.
 */
public interface GenAiResponse {

    /** {@code gen_ai.response.model}, or {@code null} when unknown. */
    default String responseModel() {
        return null;
    }

    /** {@code gen_ai.response.id}, or {@code null} when unknown. */
    default String responseId() {
        return null;
    }

    /** {@code gen_ai.usage.input_tokens}, or a negative number when unknown. */
    default long inputTokens() {
        return -1;
    }

    /** {@code gen_ai.usage.output_tokens}, or a negative number when unknown. */
    default long outputTokens() {
        return -1;
    }

    /** {@code gen_ai.response.finish_reasons}, one per choice; empty when unknown. */
    default List<String> finishReasons() {
        return List.of();
    }
}
