package com.example.agents.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import java.util.List;

/**
 * An in-process stand-in for the openai-java client: answers every request at once with a real
 * {@link ChatCompletion} (usage, finish reason, fingerprint) whose id and content are derived from
 * the request, so that each run's answer and LLM span are its own. No HTTP: the load and
 * exporter-down tests measure the telemetry pipeline, not a socket.
 */
public final class StubModel {

    private static final String TEMPLATE = """
            {"id":"chatcmpl-template","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"template","refusal":null,"annotations":[]},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":120,"completion_tokens":12,"total_tokens":132,
                      "prompt_tokens_details":{"cached_tokens":64,"audio_tokens":0}},
             "service_tier":"default","system_fingerprint":"fp_load"}
            """;

    private final ChatCompletion template;

    public StubModel() {
        try {
            template = ObjectMappers.jsonMapper().readValue(TEMPLATE, ChatCompletion.class);
            template.validate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stub completion does not parse", e);
        }
    }

    /** What the model "answers" to {@code prompt}: deterministic, so runs can be compared. */
    public static String answer(String prompt) {
        return "thought about " + prompt;
    }

    /** The completion for {@code params}: id {@code chatcmpl-<prompt>}, content {@link #answer}. */
    public ChatCompletion create(ChatCompletionCreateParams params) {
        String prompt = params.messages().get(params.messages().size() - 1).asUser().content().asText();
        ChatCompletion.Choice choice = template.choices().get(0);
        ChatCompletionMessage message = choice.message().toBuilder().content(answer(prompt)).build();
        return template.toBuilder()
                .id("chatcmpl-" + prompt)
                .choices(List.of(choice.toBuilder().message(message).build()))
                .build();
    }
}
