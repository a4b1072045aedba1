package dev.agentotel.example;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retrieval service over real HTTP: its API, its errors, and the context it extracts. */
class RetrievalServiceTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();
    private final RetrievalService service = RetrievalService.start(new KnowledgeBase(), sdk, 0);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        service.close();
        sdk.close();
    }

    @Test
    void extractsTraceContextAndBaggageFromW3cHeaders() throws Exception {
        HttpResponse<String> response = post("{\"query\":\"Eiffel Tower\",\"top_k\":2}",
                "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
                "baggage", GenAiAttributes.BAGGAGE_SESSION_ID + "=session-7");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode documents = json.readTree(response.body()).path("documents");
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).asText()).startsWith("The Eiffel Tower");

        SpanData server = only(SpanKind.SERVER);
        assertThat(server).hasTraceId(TRACE_ID).hasParentSpanId(PARENT_ID).hasName("POST /search");
        assertThat(server.getParentSpanContext().isRemote()).isTrue();
        SpanData search = only(SpanKind.INTERNAL);
        assertThat(search).hasName(RetrievalService.SEARCH_SPAN).hasParent(server)
                .hasAttribute(GenAiAttributes.GEN_AI_CONVERSATION_ID, "session-7")
                .hasAttribute(RetrievalService.TOP_K, 2L)
                .hasAttribute(RetrievalService.DOCUMENTS_RETURNED, 2L);
        // The query is user data: never recorded.
        assertThat(search.getAttributes().asMap().values()).noneMatch(v -> v.toString().contains("Eiffel"));
    }

    @Test
    void withoutHeadersTheServiceStartsItsOwnTrace() throws Exception {
        assertThat(post("{\"query\":\"Louvre\"}").statusCode()).isEqualTo(200);

        SpanData server = only(SpanKind.SERVER);
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(only(SpanKind.INTERNAL)).hasAttribute(RetrievalService.TOP_K, (long) RetrievalService.DEFAULT_TOP_K);
        assertThat(only(SpanKind.INTERNAL).getAttributes().get(GenAiAttributes.GEN_AI_CONVERSATION_ID)).isNull();
    }

    @Test
    void rejectsBadRequestsWithAMessage() throws Exception {
        assertError(post("not json"), 400, "not JSON");
        assertError(post("{\"top_k\":2}"), 400, "'query' must be a non-blank string");
        assertError(post("{\"query\":\"  \"}"), 400, "'query' must be a non-blank string");
        assertError(post("{\"query\":\"x\",\"top_k\":-1}"), 400, "'top_k' must be an integer from 0 to 20");
        assertError(post("{\"query\":\"x\",\"top_k\":21}"), 400, "'top_k' must be an integer from 0 to 20");
        assertError(post("{\"query\":\"x\",\"top_k\":1.5}"), 400, "'top_k'");
        assertError(post("{\"query\":\"" + "x".repeat(RetrievalService.MAX_REQUEST_BYTES) + "\"}"), 413, "larger than");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "search")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(get, 405, "use POST /search");
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "search/more"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(elsewhere, 404, "no such endpoint");
    }

    @Test
    void clientReturnsTheDocumentsAndReportsFailuresAsExceptions() throws Exception {
        RetrievalClient client = new RetrievalClient(URI.create(service.baseUrl()), OpenTelemetry.noop());

        assertThat(client.search("Paris", 10)).hasSize(2).allSatisfy(d -> assertThat(d).contains("Paris"));
        assertThat(client.search("Paris", 0)).isEmpty();
        assertThatThrownBy(() -> client.search("Paris", 50))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The retrieval service answered 400: 'top_k' must be an integer from 0 to 20");
        assertThatThrownBy(() -> client.search(" ", 1)).isInstanceOf(IllegalArgumentException.class);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RetrievalClient unreachable = new RetrievalClient(URI.create("http://127.0.0.1:" + closedPort + "/"), OpenTelemetry.noop());
        assertThatThrownBy(() -> unreachable.search("Paris", 1))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("unreachable");
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "search"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json.readTree(response.body()).path("error").asText()).contains(message);
    }

    /** The one span of {@code kind}; the SERVER span ends just after the client got its response. */
    private SpanData only(SpanKind kind) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (spans.getFinishedSpanItems().stream().noneMatch(s -> s.getKind() == kind) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<SpanData> matching = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
