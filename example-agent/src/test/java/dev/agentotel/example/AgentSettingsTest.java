package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    private static final String QUESTION = "How tall is the Eiffel Tower in feet?";
    private static final String EXPECTED_ANSWER = "The Eiffel Tower is 330 metres tall, which is about 1082.68 feet.";

    @Test
    void withoutApiKeyRunsAgainstAScriptedLocalServerAndStopsItOnClose() {
        ScriptedOpenAiServer server;
        try (AgentSettings settings = AgentSettings.fromEnvironment(Map.of("OPENAI_MODEL", "ignored-when-scripted"))) {
            assertThat(settings.isScripted()).isTrue();
            assertThat(settings.model()).isEqualTo("gpt-4o");
            server = settings.scriptedServer().orElseThrow();
            assertThat(settings.baseUrl()).isEqualTo(server.baseUrl()).startsWith("http://127.0.0.1:");

            assertThat(settings.newAgent().answer("s", QUESTION)).isEqualTo(EXPECTED_ANSWER);
            assertThat(server.requestCount()).isEqualTo(3);
        }
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1_000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void blankApiKeyCountsAsUnset() {
        try (AgentSettings settings = AgentSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "  "))) {
            assertThat(settings.isScripted()).isTrue();
        }
    }

    @Test
    void withApiKeyUsesTheConfiguredProviderAndModel() {
        // Any OpenAI-compatible endpoint will do as "the provider"; a scripted server keeps it offline.
        try (ScriptedOpenAiServer provider = new ScriptedOpenAiServer();
                AgentSettings settings = AgentSettings.fromEnvironment(Map.of(
                        "OPENAI_API_KEY", "sk-from-env",
                        "OPENAI_BASE_URL", provider.baseUrl(),
                        "OPENAI_MODEL", "gpt-4.1-nano"))) {
            assertThat(settings.isScripted()).isFalse();
            assertThat(settings.scriptedServer()).isEmpty();
            assertThat(settings.baseUrl()).isEqualTo(provider.baseUrl());
            assertThat(settings.model()).isEqualTo("gpt-4.1-nano");

            assertThat(settings.newAgent().answer("s", QUESTION)).isEqualTo(EXPECTED_ANSWER);
            assertThat(provider.requestCount()).isEqualTo(3);
            assertThat(provider.lastRequestBody().orElseThrow()).contains("\"model\":\"gpt-4.1-nano\"");
        }
    }

    @Test
    void withOnlyApiKeyDefaultsToOpenAiAndGpt4oMini() {
        try (AgentSettings settings = AgentSettings.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-secret-value"))) {
            assertThat(settings.isScripted()).isFalse();
            assertThat(settings.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(settings.model()).isEqualTo("gpt-4o-mini");
            assertThat(settings.toString()).doesNotContain("sk-secret-value");
        }
    }
}
