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
 * <p>The method must return a type the processor can read (openai-java's {@code ChatCompletion})
 * and either take the request ({@code ChatCompletionCreateParams}) as a parameter or name the
 * {@link #model()} here. From the request the span gets {@code gen_ai.request.model} and the
 * sampling parameters ({@code gen_ai.request.temperature}, {@code .top_p}, {@code .max_tokens},
 * {@code .frequency_penalty}, {@code .presence_penalty}, {@code .stop_sequences}, {@code .seed},
 * {@code .choice.count}); from the response {@code gen_ai.response.id},
 * {@code gen_ai.response.model}, {@code gen_ai.response.finish_reasons}, the token usage
 * ({@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens},
 * {@code gen_ai.usage.cache_read.input_tokens}), {@code openai.response.service_tier} and
 * {@code openai.response.system_fingerprint}. Failures set status {@code ERROR} and
 * {@code error.type} (the HTTP status code for openai-java service errors).
 *
 * <p>Each call records the metrics {@code gen_ai.client.operation.duration} and, when the response
 * has usage, {@code gen_ai.client.token.usage} for input and output tokens. Prompt and completion
 * text are never recorded unless content capture is switched on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LlmCall {

    /**
     * {@code gen_ai.operation.name}: {@code chat} (default), {@code embeddings},
     * {@code text_completion} or {@code generate_content}.
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
