package com.example.agents;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.LlmCall;

/** Calls the model through the real openai-java client. */
public class ChatAgent {

    private final OpenAIClient client;

    public ChatAgent(OpenAIClient client) {
        this.client = client;
    }

    @LlmCall
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    @LlmCall(operation = "chat", provider = "openai", model = "gpt-4o-mini")
    ChatCompletion chatWithoutRequest(ChatCompletion canned) {
        return canned;
    }
}
