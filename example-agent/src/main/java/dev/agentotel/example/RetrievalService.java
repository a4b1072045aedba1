package dev.agentotel.example;

import static io.opentelemetry.api.common.AttributeKey.longKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.javahttpserver.JavaHttpServerTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The knowledge base as a service of its own: {@code POST /search} with
 * {@code {"query": "...", "top_k": 3}} answers {@code {"documents": ["...", ...]}}.
 *
 * <p>It records into its own OpenTelemetry SDK, with its own {@code service.name}
 * ({@value #SERVICE_NAME}): its spans join the agent's trace only through the W3C
 * {@code traceparent} and {@code baggage} headers of each request. The OpenTelemetry
 * instrumentation library for the JDK HTTP server extracts them and records the SERVER span; the
 * search itself is an INTERNAL {@value #SEARCH_SPAN} span, which carries the agent's session id
 * from the {@code agent.session_id} baggage entry as {@code gen_ai.conversation.id}. The query
 * text is never recorded.
 *
 * <p>{@link Main} starts one in its process on a free localhost port; {@link #main} runs one as a
 * process of its own ({@code RETRIEVAL_PORT}, default {@value #DEFAULT_PORT}), for the agent to
 * reach through {@code RETRIEVAL_URL}.
 */
public final class RetrievalService implements AutoCloseable {

    public static final String SERVICE_NAME = "retrieval-service";
    public static final String SEARCH_PATH = "/search";
    public static final String SEARCH_SPAN = "vector_search";
    public static final int DEFAULT_PORT = 8081;
    public static final int DEFAULT_TOP_K = 3;
    public static final int MAX_TOP_K = 20;
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    /** How many documents the search was asked for. */
    public static final AttributeKey<Long> TOP_K = longKey("retrieval.top_k");
    /** How many documents it returned. */
    public static final AttributeKey<Long> DOCUMENTS_RETURNED = longKey("retrieval.documents.returned");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KnowledgeBase knowledgeBase;
    private final Tracer tracer;
    private final HttpServer server;
    private final ExecutorService workers;
    private final OpenTelemetrySdk ownedSdk;
    /** Requests being served, their SERVER spans not yet ended. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private RetrievalService(KnowledgeBase knowledgeBase, OpenTelemetry openTelemetry, int port, OpenTelemetrySdk ownedSdk) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        this.tracer = openTelemetry.getTracer("dev.agentotel.example.retrieval");
        this.ownedSdk = ownedSdk;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the retrieval service on port " + port, e);
        }
        // Several searches at once: the agent runs parallel tool calls.
        workers = Executors.newFixedThreadPool(4, DaemonThreads.named("retrieval-service"));
        server.setExecutor(workers);
        HttpContext search = server.createContext(SEARCH_PATH, this::handle);
        // Outermost, so a request counts as done only once the instrumentation's filter inside
        // it has ended the SERVER span: close() waits for that before shutting the SDK down.
        search.getFilters().add(new InFlightFilter());
        JavaHttpServerTelemetry.create(openTelemetry).configure(search);
        server.start();
    }

    /** Starts a service recording into {@code openTelemetry}, which the caller owns, on {@code port} (0: any free one). */
    public static RetrievalService start(KnowledgeBase knowledgeBase, OpenTelemetry openTelemetry, int port) {
        return new RetrievalService(knowledgeBase, Objects.requireNonNull(openTelemetry, "openTelemetry"), port, null);
    }

    /**
     * Starts a service with an SDK of its own, configured like any OpenTelemetry application from
     * the {@code OTEL_*} environment over {@code defaults}, except that its {@code service.name}
     * is always {@value #SERVICE_NAME}. {@code extraProcessors} see its spans too (the example's
     * waterfall). {@link #close()} shuts the SDK down.
     */
    public static RetrievalService startWithOwnTelemetry(
            KnowledgeBase knowledgeBase, int port, Map<String, String> defaults, SpanProcessor... extraProcessors) {
        Map<String, String> properties = new LinkedHashMap<>(defaults);
        // As AgentTelemetry: the JDK HTTP sender that agentotel-weaver ships speaks OTLP/HTTP.
        properties.putIfAbsent("otel.exporter.otlp.protocol", "http/protobuf");
        List<SpanProcessor> processors = List.of(extraProcessors);
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .addPropertiesCustomizer(config -> ownSettings(config.getString("otel.metrics.exporter")))
                .addTracerProviderCustomizer((builder, config) -> {
                    processors.forEach(builder::addSpanProcessor);
                    return builder;
                })
                // close() shuts it down; a JVM hook would only shut it down a second time.
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        try {
            return new RetrievalService(knowledgeBase, sdk, port, sdk);
        } catch (RuntimeException e) {
            sdk.close();
            throw e;
        }
    }

    private static Map<String, String> ownSettings(String metricsExporter) {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("otel.service.name", SERVICE_NAME);
        if (metricsExporter != null && metricsExporter.contains("prometheus")) {
            // One scrape port per process: the agent's SDK serves it when both run in one JVM.
            own.put("otel.metrics.exporter", "none");
        }
        return own;
    }

    /** Runs the service as its own process until it is stopped (Ctrl-C). */
    public static void main(String[] args) throws InterruptedException {
        String port = System.getenv().getOrDefault("RETRIEVAL_PORT", String.valueOf(DEFAULT_PORT));
        RetrievalService service = startWithOwnTelemetry(new KnowledgeBase(), Integer.parseInt(port.strip()), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        System.out.println(SERVICE_NAME + " listening on " + service.baseUrl() + SEARCH_PATH.substring(1));
        stopped.await();
    }

    /** The URL to give a {@link RetrievalClient}, e.g. {@code http://127.0.0.1:8081/}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/";
    }

    /**
     * Stops serving once the requests in flight are done (at most 5 s), then shuts down the
     * service's own SDK (if it has one), flushing its spans.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        server.stop(0);
        workers.shutdownNow();
        if (ownedSdk != null) {
            ownedSdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = respond(exchange);
            } catch (RuntimeException e) {
                reply = Reply.error(500, "search failed: " + e.getClass().getSimpleName());
            }
            byte[] body = reply.body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Reply respond(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readNBytes(MAX_REQUEST_BYTES + 1);
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!exchange.getRequestURI().getPath().equals(SEARCH_PATH)) {
            return Reply.error(404, "no such endpoint; use POST " + SEARCH_PATH);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return Reply.error(405, "use POST " + SEARCH_PATH);
        }
        if (raw.length > MAX_REQUEST_BYTES) {
            return Reply.error(413, "the request is larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        JsonNode request;
        try {
            request = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return Reply.error(400, "the body is not JSON");
        }
        JsonNode query = request == null ? null : request.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            return Reply.error(400, "'query' must be a non-blank string");
        }
        JsonNode topK = request.path("top_k");
        if (!topK.isMissingNode() && (!topK.canConvertToInt() || !topK.isIntegralNumber()
                || topK.asInt() < 0 || topK.asInt() > MAX_TOP_K)) {
            return Reply.error(400, "'top_k' must be an integer from 0 to " + MAX_TOP_K);
        }
        List<String> documents = search(query.asText(), topK.asInt(DEFAULT_TOP_K));
        ObjectNode body = JSON.createObjectNode();
        documents.forEach(body.putArray("documents")::add);
        return new Reply(200, body);
    }

    private List<String> search(String query, int topK) {
        Span span = tracer.spanBuilder(SEARCH_SPAN)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(TOP_K, topK)
                .startSpan();
        String sessionId = Baggage.current().getEntryValue(GenAiAttributes.BAGGAGE_SESSION_ID);
        if (sessionId != null) {
            span.setAttribute(GenAiAttributes.GEN_AI_CONVERSATION_ID, sessionId);
        }
        try (Scope ignored = span.makeCurrent()) {
            List<String> documents = knowledgeBase.search(query, topK);
            span.setAttribute(DOCUMENTS_RETURNED, documents.size());
            return documents;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(GenAiAttributes.ERROR_TYPE, e.getClass().getName());
            throw e;
        } finally {
            span.end();
        }
    }


    private final class InFlightFilter extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            inFlight.incrementAndGet();
            try {
                chain.doFilter(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String description() {
            return "counts the requests in flight";
        }
    }

    private record Reply(int status, ObjectNode body) {
        static Reply error(int status, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.put("error", message);
            return new Reply(status, body);
        }
    }
}
