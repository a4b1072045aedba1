package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example agent as a process of its own, exporting with the default OTLP exporter, configured
 * only by {@code OTEL_*} environment variables, to a real OTLP receiver in this JVM, over gRPC and
 * over HTTP/protobuf. The agent and the retrieval service it starts are two SDKs, two resources,
 * one trace.
 */
class OtlpExportTest {

    @ParameterizedTest(name = "OTEL_EXPORTER_OTLP_PROTOCOL={0}")
    @ValueSource(strings = {"grpc", "http/protobuf"})
    void exportsBothServicesInOneTraceWithTheirMetrics(String protocol) throws Exception {
        try (OtlpReceiver receiver = protocol.equals("grpc") ? OtlpReceiver.grpc() : OtlpReceiver.http()) {
            String output = runExample(Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", protocol,
                    "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test"));
            assertThat(output).contains("Answer:   The Eiffel Tower is 330 metres tall, which is about 1082.68 feet.");

            Map<String, List<Span>> spansByService = new HashMap<>();
            Map<String, Resource> resources = new HashMap<>();
            for (ResourceSpans resourceSpans : receiver.resourceSpans()) {
                String service = attribute(resourceSpans.getResource().getAttributesList(), "service.name");
                resources.put(service, resourceSpans.getResource());
                resourceSpans.getScopeSpansList().forEach(scope ->
                        spansByService.computeIfAbsent(service, k -> new ArrayList<>()).addAll(scope.getSpansList()));
            }
            assertThat(spansByService).containsOnlyKeys(Main.SERVICE_NAME, RetrievalService.SERVICE_NAME);
            Resource agent = resources.get(Main.SERVICE_NAME);
            assertThat(attribute(agent.getAttributesList(), "telemetry.distro.name")).isEqualTo("agentotel");
            assertThat(attribute(agent.getAttributesList(), "deployment.environment.name")).isEqualTo("test");
            assertThat(attribute(resources.get(RetrievalService.SERVICE_NAME).getAttributesList(), "deployment.environment.name"))
                    .isEqualTo("test");

            List<Span> agentSpans = spansByService.get(Main.SERVICE_NAME);
            List<Span> serviceSpans = spansByService.get(RetrievalService.SERVICE_NAME);
            List<Span> all = new ArrayList<>(agentSpans);
            all.addAll(serviceSpans);
            assertThat(all.stream().map(Span::getTraceId).distinct()).hasSize(1);
            Map<ByteString, Span> byId = all.stream().collect(Collectors.toMap(Span::getSpanId, s -> s));

            Span root = single(agentSpans, "invoke_agent research-assistant");
            assertThat(root.getParentSpanId().isEmpty()).isTrue();
            assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(named(agentSpans, "agent.iteration")).hasSize(3)
                    .allSatisfy(iteration -> assertThat(iteration.getParentSpanId()).isEqualTo(root.getSpanId()));
            assertThat(named(agentSpans, "chat gpt-4o")).hasSize(3)
                    .allSatisfy(chat -> assertThat(parent(byId, chat).getName()).isEqualTo("agent.iteration"));
            List<Span> searches = named(agentSpans, "execute_tool search_knowledge_base");
            assertThat(searches).hasSize(2).extracting(Span::getParentSpanId).containsOnly(searches.get(0).getParentSpanId());
            assertThat(parent(byId, searches.get(0)).getName()).isEqualTo("agent.iteration");

            // Across the process boundary: tool -> HTTP client -> the service's SERVER span -> vector_search.
            List<Span> servers = named(serviceSpans, "POST /search");
            assertThat(servers).hasSize(2).allSatisfy(server -> {
                Span client = parent(byId, server);
                assertThat(client.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(parent(byId, client).getName()).isEqualTo("execute_tool search_knowledge_base");
            });
            assertThat(named(serviceSpans, RetrievalService.SEARCH_SPAN)).hasSize(2).allSatisfy(search -> {
                assertThat(parent(byId, search).getName()).isEqualTo("POST /search");
                assertThat(attribute(search.getAttributesList(), "gen_ai.conversation.id"))
                        .isEqualTo(attribute(root.getAttributesList(), "gen_ai.conversation.id"))
                        .startsWith("session-");
            });

            Map<String, HistogramDataPoint> tokens = tokenUsageByType(receiver.resourceMetrics());
            assertThat(tokens).containsOnlyKeys("input", "output");
            assertThat(tokens.get("input").getSum()).isEqualTo(ScriptedOpenAiServer.RUN_TOTAL_USAGE.promptTokens());
            assertThat(tokens.get("output").getSum()).isEqualTo(ScriptedOpenAiServer.RUN_TOTAL_USAGE.completionTokens());
            assertThat(tokens.get("input").getCount()).isEqualTo(3);
        }
    }

    /** Runs {@link Main} in a new JVM with the test's class path and {@code environment}; returns its output. */
    static String runExample(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName())
                .redirectErrorStream(true);
        // Only what the test sets: no API key (scripted model), no inherited OTEL_* settings.
        builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("OPENAI_")
                || name.equals(Main.RETRIEVAL_URL_ENV) || name.startsWith("AGENTOTEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    private static Map<String, HistogramDataPoint> tokenUsageByType(List<ResourceMetrics> resourceMetrics) {
        Map<String, HistogramDataPoint> byType = new HashMap<>();
        for (ResourceMetrics resource : resourceMetrics) {
            assertThat(attribute(resource.getResource().getAttributesList(), "service.name")).isIn(
                    Main.SERVICE_NAME, RetrievalService.SERVICE_NAME);
            resource.getScopeMetricsList().forEach(scope -> {
                for (Metric metric : scope.getMetricsList()) {
                    if (metric.getName().equals("gen_ai.client.token.usage")) {
                        assertThat(metric.getUnit()).isEqualTo("{token}");
                        metric.getHistogram().getDataPointsList().forEach(point ->
                                byType.put(attribute(point.getAttributesList(), "gen_ai.token.type"), point));
                    }
                }
            });
        }
        return byType;
    }

    private static Span single(List<Span> spans, String name) {
        List<Span> named = named(spans, name);
        assertThat(named).hasSize(1);
        return named.get(0);
    }

    private static List<Span> named(List<Span> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static Span parent(Map<ByteString, Span> byId, Span span) {
        Span parent = byId.get(span.getParentSpanId());
        assertThat(parent).as("parent of %s", span.getName()).isNotNull();
        return parent;
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                .map(AnyValue::getStringValue).findFirst().orElse(null);
    }
}
