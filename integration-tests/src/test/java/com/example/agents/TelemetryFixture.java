package com.example.agents;

import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real SDK with in-memory span and metric export, installed for the woven code per test. */
public final class TelemetryFixture implements BeforeEachCallback, AfterEachCallback {

    private InMemorySpanExporter spans;
    private InMemoryMetricReader metrics;
    private OpenTelemetrySdk sdk;
    private AgentTelemetry installation;

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
    }

    /** Replaces the SDK with a fresh one, so that the woven code re-reads its configuration. */
    public void reinstall() {
        reinstall(AgentTelemetry.builder());
    }

    /** As {@link #reinstall()}, installing through {@code builder} (for its redactors). */
    public void reinstall(AgentTelemetry.Builder builder) {
        installation.close();
        sdk.close();
        install(builder);
    }

    private void install() {
        install(AgentTelemetry.builder());
    }

    private void install(AgentTelemetry.Builder builder) {
        // New each time: closing an SDK shuts its exporter and reader down.
        spans = InMemorySpanExporter.create();
        metrics = InMemoryMetricReader.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        installation = builder.install(sdk);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        installation.close();
        sdk.close();
    }

    /** A tracer of the installed SDK, for the tests' own parent spans. */
    public Tracer tracer() {
        return sdk.getTracer("test");
    }

    /**
     * The one span named {@code name}, waiting up to 10 s for it to end: a future's span ends on
     * the thread that completes it, possibly just after the caller's {@code join()} returned.
     */
    public SpanData awaitSpan(String name) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (spans().stream().noneMatch(s -> s.getName().equals(name)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return span(name);
    }

    public List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    public SpanData span(String name) {
        List<SpanData> named = spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
        if (named.size() != 1) {
            throw new AssertionError("expected one span named '" + name + "' but found " + named.size() + " in " + spans());
        }
        return named.get(0);
    }

    public List<MetricData> metrics() {
        return List.copyOf(metrics.collectAllMetrics());
    }

    public List<HistogramPointData> histogram(String name) {
        return metrics().stream()
                .filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getHistogramData().getPoints().stream())
                .collect(Collectors.toList());
    }
}
