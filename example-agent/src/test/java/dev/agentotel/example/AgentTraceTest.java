package dev.agentotel.example;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_MAX_ITERATIONS_EXCEEDED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_ITERATIONS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_OPERATION_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TOKEN_USAGE;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_EXECUTE_TOOL_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_INVOKE_AGENT_DURATION;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import dev.agentotel.example.ScriptedOpenAiServer.Usage;
import dev.agentotel.telemetry.AgentTelemetry;
import dev.agentotel.telemetry.GenAiAttributes;
import dev.agentotel.telemetry.TelemetrySurface;
import dev.agentotel.telemetry.TelemetrySurface.LlmRequest;
import dev.agentotel.telemetry.TelemetrySurface.LlmResponse;
import dev.agentotel.telemetry.TelemetrySurface.Surface;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the woven example agent against its scripted OpenAI-compatible server and its
 * retrieval service over HTTP, each recorded by a real SDK of its own with in-memory export.
 * Asserts the seed's checklist, the exact token metrics, and that the service's spans join the
 * agent's trace through the W3C headers.
 */
class AgentTraceTest {

    private static final String QUESTION = "How tall is the Eiffel Tower in feet?";
    /** agentotel's instrumentation scope: its tracer and meter. */
    private static final String INSTRUMENTATION = "dev.agentotel";
    /** The telemetry catalog the processor wrote for the agent. */
    private static final String CATALOG = "META-INF/agentotel/telemetry-catalog.json";
    private static final String SESSION = "session-e2e-1";

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final InMemorySpanExporter SERVICE_SPANS = InMemorySpanExporter.create();
    private static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
    private static final ContextPropagators W3C = ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
    private static OpenTelemetrySdk sdk;
    private static OpenTelemetrySdk serviceSdk;
    private static AgentTelemetry telemetry;
    private static String answer;
    private static List<SpanData> spans;
    private static List<SpanData> serviceSpans;
    private static Map<String, SpanData> byId;

    @BeforeAll
    static void runTheAgentOnce() {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build())
                .setPropagators(W3C)
                .build();
        serviceSdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(Resource.getDefault().merge(Resource.create(
                                Attributes.of(GenAiAttributes.SERVICE_NAME, RetrievalService.SERVICE_NAME))))
                        .addSpanProcessor(SimpleSpanProcessor.create(SERVICE_SPANS))
                        .build())
                .setPropagators(W3C)
                .build();
        telemetry = AgentTelemetry.install(sdk);
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer();
                RetrievalService retrieval = RetrievalService.start(new KnowledgeBase(), serviceSdk, 0)) {
            OpenAIClient client = StrictClients.forServer(server);
            try {
                Retriever retriever = new RetrievalClient(URI.create(retrieval.baseUrl()), sdk);
                answer = new ResearchAgent(client, ResearchAgent.DEFAULT_MODEL, retriever).answer(SESSION, QUESTION);
            } finally {
                client.close();
            }
        }
        spans = SPANS.getFinishedSpanItems();
        serviceSpans = SERVICE_SPANS.getFinishedSpanItems();
        byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    }

    @AfterAll
    static void tearDown() {
        telemetry.close();
        sdk.close();
        serviceSdk.close();
    }

    private static List<SpanData> named(String prefix) {
        return spans.stream().filter(s -> s.getName().startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void agentAnswersFromTheCalculatorResult() {
        assertThat(answer).contains("1082.68");
    }

    @Test
    void exactlyOneRootServerSpanPerRun() {
        List<SpanData> roots = spans.stream().filter(s -> !s.getParentSpanContext().isValid()).toList();

        assertThat(roots).singleElement().satisfies(root -> assertThat(root)
                .hasName("invoke_agent research-assistant")
                .hasKind(SpanKind.SERVER)
                .hasAttributesSatisfying(a -> {
                    assertThat(a.get(AGENT_ITERATION_COUNT)).isEqualTo(3L);
                    assertThat(a.get(GEN_AI_CONVERSATION_ID)).isEqualTo(SESSION);
                }));
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(roots.get(0).getTraceId()));
    }

    @Test
    void threeIterationsAreChildrenOfTheRun() {
        SpanData run = named("invoke_agent").get(0);
        List<SpanData> iterations = named("agent.iteration");

        assertThat(iterations).hasSize(3).allSatisfy(i -> assertThat(i).hasParent(run).hasKind(SpanKind.INTERNAL));
        assertThat(iterations).extracting(i -> i.getAttributes().get(AGENT_ITERATION_NUMBER))
                .containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    @Test
    void llmSpansAreClientChildrenOfIterationsWithTokenUsage() {
        List<SpanData> calls = named("chat ");
        List<Usage> scripted = List.of(
                ScriptedOpenAiServer.SEARCH_STEP_USAGE,
                ScriptedOpenAiServer.CALCULATOR_STEP_USAGE,
                ScriptedOpenAiServer.ANSWER_STEP_USAGE);

        assertThat(calls).hasSize(3);
        calls.sort((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()));
        for (int i = 0; i < 3; i++) {
            SpanData call = calls.get(i);
            SpanData parent = byId.get(call.getParentSpanId());
            assertThat(call).hasName("chat gpt-4o").hasKind(SpanKind.CLIENT);
            assertThat(parent.getName()).isEqualTo("agent.iteration");
            assertThat(parent.getAttributes().get(AGENT_ITERATION_NUMBER)).isEqualTo((long) i);
            assertThat(call.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(scripted.get(i).promptTokens());
            assertThat(call.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(scripted.get(i).completionTokens());
            assertThat(call.getAttributes().get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(scripted.get(i).cachedTokens());
            assertThat(call.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
            assertThat(call.getAttributes().get(GEN_AI_RESPONSE_FINISH_REASONS))
                    .containsExactly(i < 2 ? "tool_calls" : "stop");
        }
    }

    @Test
    void toolSpansAreChildrenOfIterationsNeverOfLlmSpans() {
        List<SpanData> tools = named("execute_tool ");

        assertThat(tools).extracting(SpanData::getName).containsExactlyInAnyOrder(
                "execute_tool search_knowledge_base", "execute_tool search_knowledge_base", "execute_tool calculator");
        assertThat(tools).allSatisfy(tool -> {
            SpanData parent = byId.get(tool.getParentSpanId());
            assertThat(parent.getName()).isEqualTo("agent.iteration");
            assertThat(tool).hasKind(SpanKind.INTERNAL);
        });
    }

    @Test
    void theTwoParallelSearchesAreChildrenOfTheFirstIteration() {
        List<SpanData> searches = named("execute_tool search_knowledge_base");

        assertThat(searches).hasSize(2).allSatisfy(search -> {
            SpanData iteration = byId.get(search.getParentSpanId());
            assertThat(iteration.getAttributes().get(AGENT_ITERATION_NUMBER)).isZero();
            assertThat(search.getAttributes().get(AGENT_TOOL_RESULT_COUNT)).isPositive();
        });
        assertThat(searches).extracting(s -> s.getAttributes().get(GEN_AI_TOOL_CALL_ID))
                .containsExactlyInAnyOrder(ScriptedOpenAiServer.SEARCH_CALL_ID, ScriptedOpenAiServer.CONVERSION_CALL_ID);
    }

    @Test
    void eachSearchCallsTheRetrievalServiceWhoseSpansJoinTheTrace() {
        String traceId = named("invoke_agent").get(0).getTraceId();
        List<SpanData> httpClients = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("POST"))
                .collect(Collectors.toList());
        assertThat(httpClients).hasSize(2).allSatisfy(client ->
                assertThat(byId.get(client.getParentSpanId()).getName()).isEqualTo("execute_tool search_knowledge_base"));
        assertThat(httpClients).extracting(SpanData::getParentSpanId).doesNotHaveDuplicates();

        List<SpanData> servers = serviceSpans.stream().filter(s -> s.getKind() == SpanKind.SERVER).collect(Collectors.toList());
        assertThat(servers).hasSize(2).allSatisfy(server -> {
            assertThat(server).hasTraceId(traceId).hasName("POST /search");
            assertThat(server.getParentSpanContext().isRemote()).isTrue();
            assertThat(server.getResource().getAttribute(GenAiAttributes.SERVICE_NAME)).isEqualTo(RetrievalService.SERVICE_NAME);
        });
        assertThat(servers).extracting(SpanData::getParentSpanId)
                .containsExactlyInAnyOrderElementsOf(httpClients.stream().map(SpanData::getSpanId).toList());

        List<SpanData> searches = serviceSpans.stream().filter(s -> s.getName().equals(RetrievalService.SEARCH_SPAN))
                .collect(Collectors.toList());
        assertThat(searches).hasSize(2).allSatisfy(search -> {
            assertThat(search).hasTraceId(traceId).hasKind(SpanKind.INTERNAL);
            assertThat(servers).extracting(SpanData::getSpanId).contains(search.getParentSpanId());
            // The run's session id reached the service as baggage.
            assertThat(search.getAttributes().get(GEN_AI_CONVERSATION_ID)).isEqualTo(SESSION);
            assertThat(search.getAttributes().get(RetrievalService.TOP_K)).isEqualTo((long) ResearchAgent.SEARCH_TOP_K);
        });
    }

    @Test
    void noPromptQuestionToolOrAnswerTextInAnyAttribute() {
        List<String> secrets = List.of(QUESTION, "Eiffel", ResearchAgent.SYSTEM_PROMPT, "1082.68", "330 * 3.28084");

        for (SpanData span : concat(spans, serviceSpans)) {
            Collection<Object> values = span.getAttributes().asMap().values();
            for (Object value : values) {
                for (String secret : secrets) {
                    assertThat(value.toString()).as("%s on %s", value, span.getName()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void tokenUsageMetricsHaveTheExactScriptedTotals() {
        Map<String, HistogramPointData> byType = histogram(METRIC_CLIENT_TOKEN_USAGE).stream()
                .collect(Collectors.toMap(p -> p.getAttributes().get(GEN_AI_TOKEN_TYPE), Function.identity()));
        Usage total = ScriptedOpenAiServer.RUN_TOTAL_USAGE;

        assertThat(byType).containsOnlyKeys("input", "output");
        assertThat(byType.get("input").getSum()).isEqualTo((double) total.promptTokens());
        assertThat(byType.get("input").getCount()).isEqualTo(3);
        assertThat(byType.get("output").getSum()).isEqualTo((double) total.completionTokens());
        assertThat(byType.get("output").getCount()).isEqualTo(3);
        assertThat(byType.get("input").getAttributes()).isEqualTo(Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, "chat")
                .put(GEN_AI_PROVIDER_NAME, "openai")
                .put(GEN_AI_REQUEST_MODEL, "gpt-4o")
                .put(GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06")
                .put(GEN_AI_TOKEN_TYPE, "input")
                .build());
    }

    @Test
    void durationAndIterationMetricsAreRecordedOncePerOperation() {
        assertThat(histogram(METRIC_CLIENT_OPERATION_DURATION)).singleElement()
                .satisfies(p -> assertThat(p.getCount()).isEqualTo(3));
        assertThat(histogram(METRIC_EXECUTE_TOOL_DURATION)).hasSize(2);
        assertThat(histogram(METRIC_INVOKE_AGENT_DURATION)).singleElement()
                .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
        assertThat(histogram(METRIC_AGENT_ITERATIONS)).singleElement().satisfies(p -> {
            assertThat(p.getSum()).isEqualTo(3.0);
            assertThat(p.getAttributes().get(AGENT_MAX_ITERATIONS_EXCEEDED)).isFalse();
        });
    }

    @Test
    void everySpanCarriesOnlyWhatTheTelemetrySurfaceOfItsKindAllows() {
        List<SpanData> agentotel = agentotelSpans();
        Set<String> metrics = new HashSet<>();

        assertThat(agentotel).hasSize(10);
        for (SpanData span : agentotel) {
            Surface surface = surfaceOf(span);
            Set<AttributeKey<?>> keys = span.getAttributes().asMap().keySet();
            assertThat(keys).as("attributes of %s", span.getName()).allSatisfy(key -> assertThat(surface.allows(key))
                    .as("%s allows %s", span.getName(), key).isTrue());
            assertThat(span.getEvents()).extracting(EventData::getName).isSubsetOf(surface.events());
            assertThat(span.getKind()).isEqualTo(span.getParentSpanContext().isValid() ? surface.kindWhenNested() : surface.kind());
            metrics.addAll(surface.metrics());
        }
        assertThat(agentotelMetricNames()).isSubsetOf(metrics);
    }

    @Test
    void everySpanCarriesOnlyWhatTheCatalogListsForItsMethodAndAllItsAlwaysAttributes() throws IOException {
        JsonNode catalog;
        try (InputStream in = AgentTraceTest.class.getClassLoader().getResourceAsStream(CATALOG)) {
            catalog = new ObjectMapper().readTree(in);
        }
        Set<String> metrics = new HashSet<>();

        for (SpanData span : agentotelSpans()) {
            JsonNode entry = catalogEntry(catalog, span);
            Set<String> keys = span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey).collect(Collectors.toSet());
            Set<String> listed = new HashSet<>();
            entry.get("attributes").forEach(group -> group.fieldNames().forEachRemaining(listed::add));
            List<String> always = new ArrayList<>();
            entry.get("attributes").get("always").fieldNames().forEachRemaining(always::add);

            assertThat(keys).as("attributes of %s", span.getName()).isSubsetOf(listed).containsAll(always);
            assertThat(span.getEvents()).extracting(EventData::getName).isSubsetOf(texts(entry.get("events")));
            assertThat(span.getKind().name()).isEqualTo(
                    entry.get("span").get(span.getParentSpanContext().isValid() ? "kindWhenNested" : "kind").asText());
            metrics.addAll(texts(entry.get("metrics")));
        }
        assertThat(agentotelMetricNames()).isSubsetOf(metrics);
    }

    /** The catalog entry whose span name is this span's, the request's model standing in for its placeholder. */
    private static JsonNode catalogEntry(JsonNode catalog, SpanData span) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : catalog.get("methods")) {
            String name = entry.get("span").get("name").asText()
                    .replace("{" + GEN_AI_REQUEST_MODEL.getKey() + "}", String.valueOf(span.getAttributes().get(GEN_AI_REQUEST_MODEL)));
            if (name.equals(span.getName())) {
                entries.add(entry);
            }
        }
        assertThat(entries).as("catalog entries named like %s", span.getName()).hasSize(1);
        return entries.get(0);
    }

    private static Surface surfaceOf(SpanData span) {
        String name = span.getName();
        if (name.startsWith(GenAiAttributes.OPERATION_INVOKE_AGENT + ' ')) {
            return TelemetrySurface.agentRun();
        }
        if (name.equals(GenAiAttributes.SPAN_ITERATION)) {
            return TelemetrySurface.iteration();
        }
        if (name.startsWith(GenAiAttributes.OPERATION_EXECUTE_TOOL + ' ')) {
            return TelemetrySurface.tool();
        }
        // ResearchAgent.chat: a ChatCompletionCreateParams in, a ChatCompletion out.
        assertThat(name).startsWith(GenAiAttributes.OPERATION_CHAT + ' ');
        return TelemetrySurface.llmCall(LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION);
    }

    /** The spans agentotel made, not those of the HTTP instrumentation around the retrieval service. */
    private static List<SpanData> agentotelSpans() {
        return spans.stream().filter(s -> s.getInstrumentationScopeInfo().getName().equals(INSTRUMENTATION))
                .collect(Collectors.toList());
    }

    private static List<String> agentotelMetricNames() {
        return METRICS.collectAllMetrics().stream()
                .filter(m -> m.getInstrumentationScopeInfo().getName().equals(INSTRUMENTATION))
                .map(MetricData::getName)
                .collect(Collectors.toList());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<SpanData> concat(List<SpanData> first, List<SpanData> second) {
        List<SpanData> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<HistogramPointData> histogram(String name) {
        return METRICS.collectAllMetrics().stream()
                .filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getHistogramData().getPoints().stream())
                .collect(Collectors.toList());
    }
}
