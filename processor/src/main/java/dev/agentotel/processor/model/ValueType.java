package dev.agentotel.processor.model;

/**
 * How generated code may read a parameter or return value, decided from its declared type. Only
 * the shapes an extractor reads are named; everything else is {@link #OTHER}.
 */
public enum ValueType {
    /** {@code String} or any other {@code CharSequence}. */
    CHAR_SEQUENCE,
    /** {@code java.util.UUID}. */
    UUID,
    /** {@code int}, {@code long}, {@code Integer} or {@code Long}. */
    INTEGRAL,
    /** {@code boolean} or {@code Boolean}. */
    BOOLEAN,
    /** {@code java.util.Optional}. */
    OPTIONAL,
    /** A {@code java.util.Collection}. */
    COLLECTION,
    /** A {@code java.util.Map}. */
    MAP,
    /** An array; {@link TypeInfo#arrayType()} gives its erased spelling. */
    ARRAY,
    /** {@code com.openai.models.chat.completions.ChatCompletion}. */
    CHAT_COMPLETION,
    /** {@code com.openai.models.chat.completions.ChatCompletionCreateParams}. */
    CHAT_COMPLETION_CREATE_PARAMS,
    /** {@code com.openai.models.chat.completions.ChatCompletionChunk}. */
    CHAT_COMPLETION_CHUNK,
    /** {@code com.openai.models.embeddings.CreateEmbeddingResponse}. */
    CREATE_EMBEDDING_RESPONSE,
    /** {@code com.openai.models.embeddings.EmbeddingCreateParams}. */
    EMBEDDING_CREATE_PARAMS,
    /** {@code com.openai.models.responses.Response} (the Responses API). */
    RESPONSE,
    /** {@code com.openai.models.responses.ResponseCreateParams}. */
    RESPONSE_CREATE_PARAMS,
    /** A type implementing {@code dev.agentotel.telemetry.GenAiResponse}. */
    GEN_AI_RESPONSE,
    /** {@code com.openai.core.http.StreamResponse}: a streamed response. */
    STREAM_RESPONSE,
    /** A {@code java.util.concurrent.CompletionStage}, such as {@code CompletableFuture}. */
    FUTURE,
    /** A {@code java.util.concurrent.Future} that is not a {@code CompletionStage}: only readable by blocking. */
    BLOCKING_FUTURE,
    /**
     * A type variable or wildcard bounded by none of the above, or by nothing but {@code Object}:
     * only the code that uses it knows its type.
     */
    GENERIC,
    /** {@code void}. */
    VOID,
    /** A type the compiler could not resolve; javac reports it, so we stay silent. */
    UNRESOLVED,
    /** Anything else. */
    OTHER
}
