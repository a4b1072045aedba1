package dev.agentotel.generated;

import java.util.List;

/**
 * Receives what generated code reads from an LLM request. Each method is called at most once per
 * call, and only for values present in the request, never with {@code null}. Numbers come boxed,
 * as the request holds them, so that the span can keep them without boxing them again.
 */
public interface LlmRequest {

    /** {@code gen_ai.request.model}. */
    void model(String model);

    /** {@code gen_ai.request.temperature}. */
    void temperature(Double temperature);

    /** {@code gen_ai.request.top_p}. */
    void topP(Double topP);

    /** {@code gen_ai.request.max_tokens}. */
    void maxTokens(Long maxTokens);

    /** {@code gen_ai.request.frequency_penalty}. */
    void frequencyPenalty(Double frequencyPenalty);

    /** {@code gen_ai.request.presence_penalty}. */
    void presencePenalty(Double presencePenalty);

    /** {@code gen_ai.request.stop_sequences}. */
    void stopSequences(List<String> stopSequences);

    /** {@code gen_ai.request.seed}. */
    void seed(Long seed);

    /** {@code gen_ai.request.choice.count}. */
    void choiceCount(Long choiceCount);

    /** {@code gen_ai.output.type}, when the request asks for a specific type ({@code text}, {@code json}). */
    void outputType(String outputType);
}
