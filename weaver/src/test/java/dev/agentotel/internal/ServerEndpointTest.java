package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerEndpointTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(ServerEndpoint.PROPERTY);
        System.clearProperty("openai.baseUrl");
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.openai.com/v1, api.openai.com, 443",
        "http://localhost:8080/v1, localhost, 8080",
        "http://10.1.2.80, 10.1.2.80, 80",
        "http://[::1]:9000/v1, ::1, 9000",
        "grpc://models.internal/v1, models.internal, -1",
        "localhost:11434/v1, localhost, 11434",
        "http://llm_proxy:8000/v1, llm_proxy, 8000",
        "https://llm_proxy/v1, llm_proxy, 443"})
    void addressAndPortComeFromTheUrlWithTheSchemesDefaultPort(String url, String address, long port) {
        ServerEndpoint endpoint = ServerEndpoint.parse(url, "test");

        assertThat(endpoint.address).isEqualTo(address);
        assertThat(endpoint.port).isEqualTo(port);
    }

    @Test
    void urlsWithoutAHostGiveNoEndpoint() {
        assertThat(ServerEndpoint.parse("http:///v1", "test")).isSameAs(ServerEndpoint.UNKNOWN);
        assertThat(ServerEndpoint.parse("http://bad host/", "test")).isSameAs(ServerEndpoint.UNKNOWN);
        assertThat(ServerEndpoint.parse("http://proxy:port/", "test")).isSameAs(ServerEndpoint.UNKNOWN);
        assertThat(ServerEndpoint.parse(null, "test")).isSameAs(ServerEndpoint.UNKNOWN);
    }

    @Test
    void agentotelsSettingAppliesToEveryProvider() {
        System.setProperty(ServerEndpoint.PROPERTY, "http://gateway:4000");
        System.setProperty("openai.baseUrl", "https://api.openai.com/v1");

        ServerEndpoint endpoint = ServerEndpoint.fromConfig();

        assertThat(endpoint.forProvider("openai").address).isEqualTo("gateway");
        assertThat(endpoint.forProvider("anthropic").address).isEqualTo("gateway");
    }

    @Test
    void openAiJavasOwnSettingAppliesOnlyToTheOpenAiProvider() {
        System.setProperty("openai.baseUrl", "https://eu.api.openai.com/v1");

        ServerEndpoint endpoint = ServerEndpoint.fromConfig();

        assertThat(endpoint.forProvider("openai").address).isEqualTo("eu.api.openai.com");
        assertThat(endpoint.forProvider("openai").port).isEqualTo(443);
        assertThat(endpoint.forProvider("anthropic").address).isNull();
    }
}
