package dev.agentotel.processor.write;

import com.palantir.javapoet.ClassName;

/** The openai-java types that both the per-class telemetry and the per-package readers name. */
final class OpenAiTypes {

    private static final String CHAT = "com.openai.models.chat.completions";
    static final ClassName CHAT_COMPLETION = ClassName.get(CHAT, "ChatCompletion");
    static final ClassName CHAT_COMPLETION_CREATE_PARAMS = ClassName.get(CHAT, "ChatCompletionCreateParams");
    static final ClassName CHAT_COMPLETION_CHUNK = ClassName.get(CHAT, "ChatCompletionChunk");
    static final ClassName STREAM_RESPONSE = ClassName.get("com.openai.core.http", "StreamResponse");
    static final ClassName CREATE_EMBEDDING_RESPONSE =
            ClassName.get("com.openai.models.embeddings", "CreateEmbeddingResponse");
    static final ClassName EMBEDDING_CREATE_PARAMS =
            ClassName.get("com.openai.models.embeddings", "EmbeddingCreateParams");
    static final ClassName RESPONSE = ClassName.get("com.openai.models.responses", "Response");
    static final ClassName RESPONSE_CREATE_PARAMS = ClassName.get("com.openai.models.responses", "ResponseCreateParams");

    private OpenAiTypes() {}
}
