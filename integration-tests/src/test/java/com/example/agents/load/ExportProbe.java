package com.example.agents.load;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Looks into the export pipeline that {@code AgentTelemetry.install()} builds, the way an operator
 * could: a test-only autoconfigure customizer (registered as a service in the test class path) that
 * wraps the configured span exporter (the real OTLP one) to see which threads call it and whether
 * an export is in flight, and adds a metric reader so the SDK's own metrics
 * ({@code otel.experimental.sdk.telemetry.version=latest}: {@code otel.sdk.processor.span.*},
 * {@code otel.sdk.exporter.span.*}) can be read. Does nothing unless a test has {@link #start()}ed
 * a probe, so other tests' installations are untouched.
 */
public final class ExportProbe implements AutoConfigurationCustomizerProvider {

    private static volatile ExportProbe active;

    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final Set<String> exportThreads = ConcurrentHashMap.newKeySet();
    final AtomicInteger exportCalls = new AtomicInteger();
    final AtomicInteger exportsInFlight = new AtomicInteger();
    final AtomicInteger exportsFailed = new AtomicInteger();

    /** For the service loader; the instance it makes only forwards to the active probe. */
    public ExportProbe() {}

    /** A fresh probe for the next installation. */
    static ExportProbe start() {
        ExportProbe probe = new ExportProbe();
        active = probe;
        return probe;
    }

    static void stop() {
        active = null;
    }

    @Override
    public void customize(AutoConfigurationCustomizer customizer) {
        customizer.addSpanExporterCustomizer((exporter, config) -> {
            ExportProbe probe = active;
            return probe == null ? exporter : probe.new Watched(exporter);
        });
        customizer.addMeterProviderCustomizer((builder, config) -> {
            ExportProbe probe = active;
            return probe == null ? builder : builder.registerMetricReader(probe.metrics);
        });
    }

    /** The sum of the points of counter {@code name} whose attributes pass {@code filter}. */
    long counter(String name, Predicate<io.opentelemetry.api.common.Attributes> filter) {
        long sum = 0;
        for (MetricData metric : metrics.collectAllMetrics()) {
            if (metric.getName().equals(name)) {
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    if (filter.test(point.getAttributes())) {
                        sum += point.getValue();
                    }
                }
            }
        }
        return sum;
    }

    /** The configured exporter, unchanged, with a record of who calls it. */
    private final class Watched implements SpanExporter {

        private final SpanExporter delegate;

        Watched(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exportThreads.add(Thread.currentThread().getName());
            exportCalls.incrementAndGet();
            exportsInFlight.incrementAndGet();
            CompletableResultCode result = delegate.export(spans);
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    exportsFailed.incrementAndGet();
                }
                exportsInFlight.decrementAndGet();
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
