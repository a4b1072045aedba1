package com.example.agents;

import static com.example.agents.OpenAiWireServer.chatCompletion;
import static com.example.agents.OpenAiWireServer.chatStream;
import static com.example.agents.OpenAiWireServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.agents.ModelGateway.HouseAnswer;
import com.example.agents.OpenAiWireServer.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import dev.agentotel.telemetry.TelemetrySurface;
import dev.agentotel.telemetry.TelemetrySurface.Attribute;
import dev.agentotel.telemetry.TelemetrySurface.LlmRequest;
import dev.agentotel.telemetry.TelemetrySurface.LlmResponse;
import dev.agentotel.telemetry.TelemetrySurface.Presence;
import dev.agentotel.telemetry.TelemetrySurface.Requirement;
import dev.agentotel.telemetry.TelemetrySurface.Surface;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog cannot under-report: with everything switched on (content capture, a price table,
 * a server address) and through failures, every span of every kind and return shape carries only
 * attributes and events that {@link TelemetrySurface} allows for it and that the telemetry catalog
 * the processor wrote for this project lists for its method, has all the catalog's "always"
 * attributes, and feeds only the metrics both list.
 */
class TelemetrySurfaceTest {

    private static final String MODEL = "gpt-4o-mini";
    private static final String INSTRUMENTATION = "dev.agentotel";
    private static JsonNode catalog;

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    private OpenAiWireServer server;
    private ModelGateway gateway;

    @BeforeAll
    static void readCatalog() throws IOException {
        try (InputStream in = TelemetrySurfaceTest.class.getClassLoader()
                .getResourceAsStream("META-INF/agentotel/telemetry-catalog.json")) {
            assertThat(in).as("the catalog the processor wrote into target/classes").isNotNull();
            catalog = new ObjectMapper().readTree(in);
        }
    }

    @BeforeEach
    void start() {
        server = OpenAiWireServer.start();
        gateway = new ModelGateway(server.client(0), server.asyncClient());
        System.setProperty("otel.instrumentation.genai.capture-message-content", "true");
        System.setProperty("agentotel.llm.base-url", server.baseUrl());
        System.setProperty("agentotel.llm.prices", MODEL + " = 0.15, 0.60, 0.075; text-embedding-3-small = 0.02, 0");
        telemetry.reinstall();
    }

    @AfterEach
    void stop() {
        System.clearProperty("otel.instrumentation.genai.capture-message-content");
        System.clearProperty("agentotel.llm.base-url");
        System.clearProperty("agentotel.llm.prices");
        server.close();
    }

    /** A call of one {@link ModelGateway} method, with the server's reply enqueued first. */
    interface Call {
        void run(OpenAiWireServer server, ModelGateway gateway) throws Exception;
    }

    static Stream<Arguments> llmCalls() {
        return Stream.of(
                Arguments.of("chat", LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION, (Call) (server, gateway) -> {
                    server.enqueueChat(Reply.json(chatCompletion("c1", MODEL, "Hi", "stop", 1000, 200, 400)));
                    gateway.chat(everyChatParameter());
                }),
                Arguments.of("chat", LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION, (Call) (server, gateway) -> {
                    server.enqueueChat(Reply.status(429, error("Rate limit reached", "requests", "rate_limit_exceeded")));
                    catchThrowable(() -> gateway.chat(everyChatParameter()));
                }),
                Arguments.of("stream", LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION_STREAM, (Call) (server, gateway) -> {
                    server.enqueueChat(Reply.sse(chatStream("c2", MODEL, List.of("Hel", "lo"), "stop", 40, 3, 10)));
                    try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(everyChatParameter().toBuilder()
                            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                            .build())) {
                        stream.stream().count();
                    }
                }),
                Arguments.of("chatAsync", LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION, (Call) (server, gateway) -> {
                    server.enqueueChat(Reply.json(chatCompletion("c3", MODEL, "Hi", "length", 10, 2, 0)));
                    gateway.chatAsync(everyChatParameter()).join();
                }),
                Arguments.of("embed", LlmRequest.EMBEDDINGS, LlmResponse.EMBEDDINGS, (Call) (server, gateway) -> {
                    server.enqueueEmbeddings(Reply.json(OpenAiWireServer.embedding("text-embedding-3-small", 9, 4)));
                    gateway.embed(EmbeddingCreateParams.builder().model("text-embedding-3-small").input("a tower").build());
                }),
                Arguments.of("respond", LlmRequest.RESPONSES, LlmResponse.RESPONSES, (Call) (server, gateway) -> {
                    server.enqueueResponses(Reply.json(OpenAiWireServer.response("r1", MODEL, "Hi", 21, 6, 5)));
                    gateway.respond(everyResponsesParameter());
                }),
                Arguments.of("respondAsync", LlmRequest.RESPONSES, LlmResponse.RESPONSES, (Call) (server, gateway) -> {
                    server.enqueueResponses(Reply.json(OpenAiWireServer.response("r2", MODEL, "Hi", 7, 2, 0)));
                    gateway.respondAsync(everyResponsesParameter()).join();
                }),
                Arguments.of("house", LlmRequest.NONE, LlmResponse.GEN_AI_RESPONSE, (Call) (server, gateway) ->
                        gateway.house("meaning of life?")),
                Arguments.of("houseAsync", LlmRequest.NONE, LlmResponse.GEN_AI_RESPONSE, (Call) (server, gateway) ->
                        gateway.houseAsync(CompletableFuture.completedFuture(new HouseAnswer("43", "v3", 20, 5))).join()));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("llmCalls")
    void everyLlmCallShapeStaysOnItsSurfaceAndItsCatalogEntry(
            String method, LlmRequest request, LlmResponse response, Call call) throws Exception {
        call.run(server, gateway);

        SpanData span = awaitOneSpan();
        Surface surface = TelemetrySurface.llmCall(request, response);
        assertOnSurface(span, surface, entry(ModelGateway.class, method));
        assertThat(span.getName()).isEqualTo(spanName(entry(ModelGateway.class, method), span));
        assertMetricsIn(List.of(surface), List.of(entry(ModelGateway.class, method)));
    }

    @Test
    void runsAndIterationsStayOnTheirSurfacesAndCatalogEntriesThroughTheWholeBudget() {
        new LoopAgent(-1).run("session-1", "loop forever");

        assertSpans(Map.of(
                "invoke_agent loop-agent", new Expected(LoopAgent.class, "run", TelemetrySurface.agentRun()),
                "agent.iteration", new Expected(LoopAgent.class, "step", TelemetrySurface.iteration())));
        assertThat(telemetry.span("invoke_agent loop-agent").getEvents()).extracting(EventData::getName)
                .contains("agent.max_iterations_exceeded");
    }

    @Test
    void redactedRunsAndToolsStayOnTheirSurfacesAndTheNarrowerCatalogEntries() {
        PrivateAgent agent = new PrivateAgent(server.client());

        agent.ask("session-1", "find ann.lee@example.org");
        agent.askSealed("a sealed question");
        agent.askAnonymously("session-2", "pay my bill");

        assertSpans(Map.of(
                "invoke_agent private-agent", new Expected(PrivateAgent.class, "ask", TelemetrySurface.agentRun()),
                "invoke_agent sealed-agent", new Expected(PrivateAgent.class, "askSealed", TelemetrySurface.agentRun()),
                "invoke_agent anonymous-agent", new Expected(PrivateAgent.class, "askAnonymously", TelemetrySurface.agentRun()),
                "execute_tool look_up_customer", new Expected(PrivateAgent.class, "lookUpCustomer", TelemetrySurface.tool()),
                "execute_tool pay", new Expected(PrivateAgent.class, "pay", TelemetrySurface.tool())));
    }

    @Test
    void failingRunsAndToolsStayOnTheirSurfacesAndCatalogEntries() {
        ToolBox tools = new ToolBox();

        tools.countWords("three small words");
        ToolBox.shout("call-1", "hey");
        catchThrowable(() -> tools.fail(new IllegalStateException("broken")));
        catchThrowable(() -> new Orchestrator().failWith(new IllegalArgumentException("bad")));

        assertSpans(Map.of(
                "execute_tool split_words", new Expected(ToolBox.class, "splitWords", TelemetrySurface.tool()),
                "execute_tool shout", new Expected(ToolBox.class, "shout", TelemetrySurface.tool()),
                "execute_tool failing_tool", new Expected(ToolBox.class, "fail", TelemetrySurface.tool()),
                "invoke_agent failing-agent", new Expected(Orchestrator.class, "failWith", TelemetrySurface.agentRun())));
    }

    private record Expected(Class<?> type, String method, Surface surface) {}

    /** Every span of the instrumentation is one of {@code expected}, by name, and each expected name was seen. */
    private void assertSpans(Map<String, Expected> expected) {
        List<SpanData> spans = telemetry.spans().stream()
                .filter(span -> span.getInstrumentationScopeInfo().getName().equals(INSTRUMENTATION))
                .collect(Collectors.toList());
        assertThat(spans).extracting(SpanData::getName).containsOnlyElementsOf(expected.keySet())
                .containsAll(expected.keySet());
        for (SpanData span : spans) {
            Expected method = expected.get(span.getName());
            JsonNode entry = entry(method.type(), method.method());
            assertOnSurface(span, method.surface(), entry);
            assertThat(span.getName()).isEqualTo(spanName(entry, span));
        }
        assertMetricsIn(expected.values().stream().map(Expected::surface).collect(Collectors.toList()),
                expected.values().stream().map(e -> entry(e.type(), e.method())).collect(Collectors.toList()));
    }

    private static void assertOnSurface(SpanData span, Surface surface, JsonNode entry) {
        Set<String> keys = span.getAttributes().asMap().keySet().stream()
                .map(AttributeKey::getKey).collect(Collectors.toSet());
        Set<String> allowed = surface.attributes().stream()
                .map(attribute -> attribute.key().getKey()).collect(Collectors.toSet());
        Set<String> listed = new HashSet<>();
        entry.get("attributes").forEach(group -> group.fieldNames().forEachRemaining(listed::add));

        assertThat(keys).as("attributes of %s on its surface", span.getName()).isSubsetOf(allowed);
        assertThat(keys).as("attributes of %s in its catalog entry", span.getName()).isSubsetOf(listed);
        List<String> always = new ArrayList<>();
        entry.get("attributes").get("always").fieldNames().forEachRemaining(always::add);
        assertThat(keys).as("catalog's always-present attributes on %s", span.getName()).containsAll(always);
        for (Attribute attribute : surface.attributes()) {
            if (attribute.presence() == Presence.ALWAYS && attribute.requirement() == Requirement.NONE) {
                assertThat(keys).as("surface's always-present attributes on %s", span.getName())
                        .contains(attribute.key().getKey());
            }
        }
        List<String> events = span.getEvents().stream().map(EventData::getName).collect(Collectors.toList());
        assertThat(events).as("events of %s", span.getName()).isSubsetOf(surface.events()).isSubsetOf(strings(entry.get("events")));
        String kind = span.getParentSpanContext().isValid() ? "kindWhenNested" : "kind";
        assertThat(span.getKind().name()).isEqualTo(entry.get("span").get(kind).asText())
                .isEqualTo((span.getParentSpanContext().isValid() ? surface.kindWhenNested() : surface.kind()).name());
    }

    private void assertMetricsIn(List<Surface> surfaces, List<JsonNode> entries) {
        Set<String> allowed = surfaces.stream().flatMap(surface -> surface.metrics().stream()).collect(Collectors.toSet());
        Set<String> listed = entries.stream().flatMap(entry -> strings(entry.get("metrics")).stream()).collect(Collectors.toSet());
        List<String> recorded = telemetry.metrics().stream()
                .filter(metric -> metric.getInstrumentationScopeInfo().getName().equals(INSTRUMENTATION))
                .map(MetricData::getName)
                .collect(Collectors.toList());
        assertThat(recorded).isNotEmpty().isSubsetOf(allowed).isSubsetOf(listed);
    }

    /** The catalog's name, with the request's model where it says the name takes it. */
    private static String spanName(JsonNode entry, SpanData span) {
        String model = span.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"));
        return entry.get("span").get("name").asText().replace("{gen_ai.request.model}", String.valueOf(model));
    }

    private SpanData awaitOneSpan() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (telemetry.spans().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(telemetry.spans()).hasSize(1);
        return telemetry.spans().get(0);
    }

    private static JsonNode entry(Class<?> type, String method) {
        for (JsonNode entry : catalog.get("methods")) {
            if (entry.get("class").asText().equals(type.getCanonicalName()) && entry.get("method").asText().equals(method)) {
                return entry;
            }
        }
        throw new AssertionError("no catalog entry for " + type.getName() + "#" + method);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }

    private static ChatCompletionCreateParams everyChatParameter() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage("Be brief.")
                .addUserMessage("Say hello")
                .temperature(0.3)
                .topP(0.9)
                .maxCompletionTokens(300)
                .frequencyPenalty(0.1)
                .presencePenalty(0.2)
                .stopOfStrings(List.of("END", "STOP"))
                .seed(7)
                .n(1)
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build();
    }

    private static ResponseCreateParams everyResponsesParameter() {
        return ResponseCreateParams.builder()
                .model(MODEL)
                .instructions("Be brief.")
                .input("Say hi")
                .temperature(0.5)
                .topP(0.9)
                .maxOutputTokens(64L)
                .build();
    }
}
