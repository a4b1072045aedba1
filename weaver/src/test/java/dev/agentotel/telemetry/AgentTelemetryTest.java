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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("trace ").contains("debug-root");
        assertThat(AgentTelemetry.get()).isSameAs(OpenTelemetry.noop());
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
