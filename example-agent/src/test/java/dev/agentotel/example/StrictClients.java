package dev.agentotel.example;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/** openai-java clients for tests against the {@link ScriptedOpenAiServer}. */
final class StrictClients {

    private StrictClients() {}

    /**
     * A client that validates every response strictly (each field openai-java knows must have the
     * right type) and never retries, so a malformed scripted response fails the test at once.
     */
    static OpenAIClient forServer(ScriptedOpenAiServer server) {
        return OpenAIOkHttpClient.builder()
                .apiKey("sk-test")
                .baseUrl(server.baseUrl())
                .responseValidation(true)
                .maxRetries(0)
                .build();
    }
}
