package dev.agentotel.generated;

import java.util.List;

/**
 * Receives what generated code reads from an LLM response. Each method is called at most once per
 * call, and only for values present in the response, never with {@code null}. Numbers come boxed,
 * as the response holds them, so that the span can keep them without boxing them again.
 */
public interface LlmResponse {

    /** {@code gen_ai.response.id}. */
    void id(String id);

    /** {@code gen_ai.response.model}. */
    void model(String model);

    /**
     * {@code gen_ai.response.finish_reasons}, one per choice, in choice order. The span keeps the
     * list as it is: pass one that does not change afterwards.
     */
    void finishReasons(List<String> finishReasons);

    /** {@code gen_ai.usage.input_tokens}. */
    void inputTokens(Long inputTokens);

    /** {@code gen_ai.usage.output_tokens}. */
    void outputTokens(Long outputTokens);

    /** {@code gen_ai.usage.cache_read.input_tokens}. */
    void cacheReadInputTokens(Long cacheReadInputTokens);

    /** {@code openai.response.service_tier}. */
    void serviceTier(String serviceTier);

    /** {@code openai.response.system_fingerprint}. */
    void systemFingerprint(String systemFingerprint);
}
