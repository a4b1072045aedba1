package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import dev.agentotel.telemetry.AgentTelemetry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code OTEL_METRICS_EXPORTER=prometheus}: the agent's metrics on a scrape endpoint (the
 * opentelemetry-exporter-prometheus module), scraped here over real HTTP after one run.
 */
class PrometheusScrapeTest {

    @Test
    void tokenUsageSeriesAreScrapedWithTheScriptedTotals() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String body;
        try (AgentTelemetry telemetry = AgentTelemetry.builder()
                .defaultProperty("otel.service.name", Main.SERVICE_NAME)
                .defaultProperty("otel.metrics.exporter", "prometheus")
                .defaultProperty("otel.exporter.prometheus.host", "127.0.0.1")
                .defaultProperty("otel.exporter.prometheus.port", String.valueOf(port))
                .defaultProperty("otel.traces.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .install();
                ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
            OpenAIClient client = StrictClients.forServer(server);
            try {
                new ResearchAgent(client).answer("session-prometheus", "How tall is the Eiffel Tower in feet?");
            } finally {
                client.close();
            }
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            body = scrape.body();
        }

        List<String> input = series(body, "gen_ai_client_token_usage_sum{", "gen_ai_token_type=\"input\"");
        List<String> output = series(body, "gen_ai_client_token_usage_sum{", "gen_ai_token_type=\"output\"");
        assertThat(input).singleElement().satisfies(line -> {
            assertThat(line).contains("gen_ai_request_model=\"gpt-4o\"", "gen_ai_response_model=\"gpt-4o-2024-08-06\"",
                    "gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"openai\"");
            assertThat(value(line)).isEqualTo(ScriptedOpenAiServer.RUN_TOTAL_USAGE.promptTokens());
        });
        assertThat(output).singleElement().satisfies(line ->
                assertThat(value(line)).isEqualTo(ScriptedOpenAiServer.RUN_TOTAL_USAGE.completionTokens()));
        assertThat(series(body, "gen_ai_client_token_usage_count{", "gen_ai_token_type=\"input\""))
                .singleElement().satisfies(line -> assertThat(value(line)).isEqualTo(3.0));
        // The histogram's buckets are CONTRACT's: a boundary at 64 tokens.
        assertThat(series(body, "gen_ai_client_token_usage_bucket{", "le=\"64.0\"")).hasSize(2);
        assertThat(series(body, "gen_ai_client_operation_duration_seconds_count{", "")).isNotEmpty();
        assertThat(body).contains("target_info{", "service_name=\"research-agent\"");
    }

    private static List<String> series(String body, String prefix, String label) {
        return body.lines().filter(line -> line.startsWith(prefix) && line.contains(label)).toList();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
