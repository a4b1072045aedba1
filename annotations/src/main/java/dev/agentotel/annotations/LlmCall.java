package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that calls a language model: every call becomes a {@code CLIENT} span named
 * {@code {operation} {model}}, for example {@code chat gpt-4o}.
 *
 * <p>The method returns a type the processor can read, checked at compile time: openai-java's
 * {@code ChatCompletion}, {@code StreamResponse<ChatCompletionChunk>} (the span ends when the
 * stream is exhausted, fails or is closed), {@code CreateEmbeddingResponse} (operation
 * {@code embeddings}), the Responses API's {@code Response}, a type implementing
 * {@code dev.agentotel.telemetry.GenAiResponse}, or a {@code CompletableFuture} /
 * {@code CompletionStage} of one of these except the stream (the span ends when it completes). It
 * either takes the request ({@code ChatCompletionCreateParams}, {@code EmbeddingCreateParams} or
 * {@code ResponseCreateParams}) as a parameter or names the {@link #model()} here.
 *
 * <p>From the request the span gets {@code gen_ai.request.model}, the sampling parameters
 * ({@code gen_ai.request.temperature}, {@code .top_p}, {@code .max_tokens},
 * {@code .frequency_penalty}, {@code .presence_penalty}, {@code .stop_sequences}, {@code .seed},
 * {@code .choice.count}) and {@code gen_ai.output.type}; from the response
 * {@code gen_ai.response.id}, {@code gen_ai.response.model}, {@code gen_ai.response.finish_reasons},
 * the token usage ({@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens},
 * {@code gen_ai.usage.cache_read.input_tokens}), {@code openai.response.service_tier} and
 * {@code openai.response.system_fingerprint}; streams also get
 * {@code gen_ai.response.time_to_first_chunk}. Failures set status {@code ERROR} and
 * {@code error.type} (the HTTP status code for openai-java service errors).
 *
 * <p>Each call records the metrics {@code gen_ai.client.operation.duration} and, when the response
 * has usage, {@code gen_ai.client.token.usage} for input and output tokens; streams also record
 * {@code gen_ai.client.operation.time_to_first_chunk} and {@code .time_per_output_chunk}. Prompt
 * and completion text are never recorded unless content capture is switched on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LlmCall {

    /**
     * {@code gen_ai.operation.name}: {@code chat} (default), {@code embeddings},
     * {@code text_completion} or {@code generate_content}. A method returning
     * {@code CreateEmbeddingResponse} is an {@code embeddings} operation unless this is set.
     */
    String operation() default "chat";

    /** {@code gen_ai.provider.name}, for example {@code openai}, {@code anthropic}, {@code aws.bedrock}. */
    String provider() default "openai";

    /**
     * The model to report when the request does not say: {@code gen_ai.request.model} and part of
     * the span name. A model found in the request parameter wins.
     */
    String model() default "";
}
