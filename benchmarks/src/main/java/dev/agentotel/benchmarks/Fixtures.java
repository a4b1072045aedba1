package dev.agentotel.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.core.ObjectMappers;
import com.openai.models.ResponseFormatText;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;

/**
 * The one request and response every LLM row uses: a realistic Chat Completions call with every
 * request parameter agentotel reads set, and a response with usage, cached tokens, service tier and
 * fingerprint. Built once; no HTTP anywhere, so the rows differ only in their instrumentation.
 */
final class Fixtures {

    /** What the OpenAI API returns for such a request (cached input tokens included). */
    private static final String COMPLETION_JSON = """
            {
              "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
              "object": "chat.completion",
              "created": 1741570283,
              "model": "gpt-4o-2024-08-06",
              "choices": [
                {
                  "index": 0,
                  "message": {
                    "role": "assistant",
                    "content": "The Eiffel Tower is 330 metres tall, which is about 1,083 feet.",
                    "refusal": null,
                    "annotations": []
                  },
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": 1117,
                "completion_tokens": 46,
                "total_tokens": 1163,
                "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
                "completion_tokens_details": {
                  "reasoning_tokens": 0,
                  "audio_tokens": 0,
                  "accepted_prediction_tokens": 0,
                  "rejected_prediction_tokens": 0
                }
              },
              "service_tier": "default",
              "system_fingerprint": "fp_fc9f1d7035"
            }
            """;

    private Fixtures() {}

    @SuppressWarnings("deprecation") // seed: deprecated by OpenAI, still sent and still recorded
    static ChatCompletionCreateParams request() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addSystemMessage("You are a research assistant. Answer with sources and show your arithmetic.")
                .addUserMessage("How tall is the Eiffel Tower in feet?")
                .temperature(0.2)
                .topP(0.9)
                .maxCompletionTokens(512)
                .frequencyPenalty(0.1)
                .presencePenalty(0.0)
                .stopOfStrings(List.of("\n\nObservation:"))
                .seed(42L)
                .n(1L)
                .responseFormat(ResponseFormatText.builder().build())
                .build();
    }

    static ChatCompletion completion() {
        try {
            ChatCompletion completion = ObjectMappers.jsonMapper().readValue(COMPLETION_JSON, ChatCompletion.class);
            completion.validate();
            return completion;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the fixture completion does not parse", e);
        }
    }
}
