package dev.agentotel.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AgentTelemetryTest {

    @Test
    void installBuildsAnSdkWithTheDistroResourceDebugOutputAndUninstallsOnClose() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        Resource resource;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (AgentTelemetry telemetry = AgentTelemetry.builder()
                .defaultProperty("otel.traces.exporter", "none")
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .defaultProperty("otel.service.name", "test-agent")
                .defaultProperty("otel.resource.attributes", "deployment.environment.name=staging")
                .defaultProperty("otel.debug", "true")
                .install()) {
            assertThat(AgentTelemetry.get()).isSameAs(telemetry.openTelemetry());
            Span span = telemetry.openTelemetry().getTracer("t").spanBuilder("debug-root").startSpan();
            resource = ((ReadableSpan) span).toSpanData().getResource();
            span.end();
        } finally {
            System.setOut(originalOut);
        }

        assertThat(resource.getAttribute(GenAiAttributes.TELEMETRY_DISTRO_NAME)).isEqualTo("agentotel");
        assertThat(resource.getAttribute(GenAiAttributes.TELEMETRY_DISTRO_VERSION)).isNotBlank();
        assertThat(resource.getAttribute(GenAiAttributes.AI_AGENT_FRAMEWORK)).isEqualTo("agentotel");
        assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("test-agent");
        assertThat(resource.getAttribute(GenAiAttributes.DEPLOYMENT_ENVIRONMENT_NAME)).isEqualTo("staging");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("trace ").contains("debug-root");
        assertThat(AgentTelemetry.get()).isSameAs(OpenTelemetry.noop());
    }

    @Test
    void exportsSpansOverOtlpHttpProtobufByDefault() throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type"));
                bodies.add(body.readAllBytes());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (AgentTelemetry telemetry = AgentTelemetry.builder()
                .defaultProperty("otel.exporter.otlp.endpoint",
                        "http://127.0.0.1:" + collector.getAddress().getPort())
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .install()) {
            telemetry.openTelemetry().getTracer("t").spanBuilder("exported-span").startSpan().end();
        } finally {
            collector.stop(0);
        }

        assertThat(requests).containsExactly("POST /v1/traces application/x-protobuf");
        assertThat(new String(bodies.get(0), StandardCharsets.ISO_8859_1)).contains("exported-span");
    }

    @Test
    void closingAnInstanceTheCallerOwnsLeavesItRunning() {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                        .build())
                .build();
        AgentTelemetry telemetry = AgentTelemetry.install(sdk);

        telemetry.close();

        assertThat(AgentTelemetry.get()).isSameAs(OpenTelemetry.noop());
        assertThat(sdk.getSdkTracerProvider().get("t").spanBuilder("s").startSpan().isRecording()).isTrue();
        sdk.close();
    }
}
