package dev.agentotel.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.javahttpclient.JavaHttpClientTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Retriever} that asks a {@link RetrievalService} over HTTP.
 *
 * <p>The JDK HTTP client is wrapped by the OpenTelemetry instrumentation library for it, which
 * records a CLIENT span per request as a child of the current span (the agent's
 * {@code execute_tool search_knowledge_base}) and injects the W3C {@code traceparent},
 * {@code tracestate} and {@code baggage} headers with the propagators of the given
 * {@code OpenTelemetry}: the run's {@code agent.session_id} baggage travels with them.
 */
public final class RetrievalClient implements Retriever {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI searchUri;
    private final HttpClient http;

    /** A client of the service at {@code baseUrl} (e.g. {@code http://127.0.0.1:8081/}). */
    public RetrievalClient(URI baseUrl, OpenTelemetry openTelemetry) {
        this.searchUri = Objects.requireNonNull(baseUrl, "baseUrl").resolve(RetrievalService.SEARCH_PATH);
        this.http = JavaHttpClientTelemetry.create(Objects.requireNonNull(openTelemetry, "openTelemetry"))
                .newHttpClient(HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(TIMEOUT)
                        .build());
    }

    @Override
    public List<String> search(String query, int topK) {
        Retriever.checkArguments(query, topK);
        String body = JSON.createObjectNode().put("query", query).put("top_k", topK).toString();
        HttpRequest request = HttpRequest.newBuilder(searchUri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The retrieval service at " + searchUri + " is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while searching", e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The retrieval service answered " + response.statusCode()
                    + ": " + answer.path("error").asText("(no message)"));
        }
        List<String> documents = new ArrayList<>();
        answer.path("documents").forEach(document -> documents.add(document.asText()));
        return documents;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
