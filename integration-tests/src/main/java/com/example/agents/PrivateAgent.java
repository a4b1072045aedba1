package com.example.agents;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.Redact;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.annotations.UserQuery;

/** Handles personal data: what content capture may record of it, and what it never may. */
public class PrivateAgent {

    private final OpenAIClient client;

    public PrivateAgent(OpenAIClient client) {
        this.client = client;
    }

    @AgentRun(name = "private-agent")
    public String ask(@SessionId String sessionId, @UserQuery String question) {
        return lookUpCustomer("call_1", question, "hunter2", 3);
    }

    @AgentRun(name = "sealed-agent")
    public String askSealed(@UserQuery @Redact String question) {
        return "sealed";
    }

    @AgentRun(name = "anonymous-agent")
    public String askAnonymously(@SessionId @Redact String sessionId, @UserQuery String question) {
        return pay("call_2", 4111111111111111L, 12);
    }

    @Tool(name = "pay")
    public String pay(@ToolCallId @Redact String callId, long cardNumber, int amount) {
        return "paid";
    }

    @Tool(name = "look_up_customer", description = "Finds a customer record")
    public String lookUpCustomer(@ToolCallId String callId, String query, @Redact String password, int limit) {
        return "Customer " + query + " found; password " + password;
    }

    @LlmCall
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    @LlmCall
    public ChatCompletion chatSealed(@Redact ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    @LlmCall
    public StreamResponse<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        return client.chat().completions().createStreaming(params);
    }
}
