package dev.agentotel.processor.model;

import java.util.Optional;
import java.util.Set;

/**
 * What an {@code @LlmCall} method returns, as the runtime reads it: when the call ends and which
 * response type the generated code reads.
 *
 * @param completion when the call ends
 * @param value the response read: the returned value, the future's value, or the stream's chunk
 */
public record LlmShape(Completion completion, ValueType value) {

    /** The runtime's {@code LlmCallTelemetry.Completion}, by the same names. */
    public enum Completion {
        RETURN,
        FUTURE,
        STREAM
    }

    /** Response types read when returned directly or by a future. */
    private static final Set<ValueType> RESPONSES = Set.of(
            ValueType.CHAT_COMPLETION, ValueType.CREATE_EMBEDDING_RESPONSE, ValueType.RESPONSE,
            ValueType.GEN_AI_RESPONSE);

    /** Supported return types, as messages list them. */
    public static final String SUPPORTED = "com.openai.models.chat.completions.ChatCompletion,"
            + " com.openai.core.http.StreamResponse<com.openai.models.chat.completions.ChatCompletionChunk>,"
            + " com.openai.models.embeddings.CreateEmbeddingResponse, com.openai.models.responses.Response,"
            + " a type implementing dev.agentotel.telemetry.GenAiResponse, or a"
            + " java.util.concurrent.CompletableFuture (or CompletionStage) of one of these except the stream";

    /** The shape of {@code returnType}, empty when the runtime cannot read it. */
    public static Optional<LlmShape> of(TypeInfo returnType) {
        TypeInfo argument = returnType.typeArgument();
        switch (returnType.valueType()) {
            case STREAM_RESPONSE:
                return argument != null && argument.valueType() == ValueType.CHAT_COMPLETION_CHUNK
                        ? Optional.of(new LlmShape(Completion.STREAM, ValueType.CHAT_COMPLETION_CHUNK))
                        : Optional.empty();
            case FUTURE:
                return argument != null && RESPONSES.contains(argument.valueType())
                        ? Optional.of(new LlmShape(Completion.FUTURE, argument.valueType()))
                        : Optional.empty();
            default:
                return RESPONSES.contains(returnType.valueType())
                        ? Optional.of(new LlmShape(Completion.RETURN, returnType.valueType()))
                        : Optional.empty();
        }
    }
}
