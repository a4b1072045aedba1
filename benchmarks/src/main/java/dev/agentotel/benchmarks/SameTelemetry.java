package dev.agentotel.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes sure two rows that are compared do the same work: runs each once against an in-memory SDK
 * and fails the benchmark unless both record the same spans (name, kind, parent, status,
 * attributes, events) and the same metric points (name, unit, attributes, count, buckets; sums
 * too, except of durations). Instrumentation scopes may differ.
 */
final class SameTelemetry {

    /** One row's work, recording into {@code openTelemetry}. */
    interface Row {
        void run(OpenTelemetry openTelemetry);
    }

    private SameTelemetry() {}

    static void check(String baselineName, Row baseline, String rowName, Row row) {
        String expected = record(baseline);
        String actual = record(row);
        if (!expected.equals(actual)) {
            throw new IllegalStateException("The rows do not record the same telemetry, so comparing them would be"
                    + " meaningless.\n--- " + baselineName + ":\n" + expected + "--- " + rowName + ":\n" + actual);
        }
    }

    private static String record(Row row) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build()) {
            row.run(sdk);
            return describeSpans(spans.getFinishedSpanItems()) + describeMetrics(metrics.collectAllMetrics());
        }
    }

    private static String describeSpans(List<SpanData> spans) {
        Map<String, String> names = new HashMap<>();
        for (SpanData span : spans) {
            names.put(span.getSpanId(), span.getName());
        }
        List<String> lines = new ArrayList<>();
        for (SpanData span : spans) {
            StringBuilder line = new StringBuilder("span ").append(span.getName())
                    .append(' ').append(span.getKind())
                    .append(" parent=").append(names.getOrDefault(span.getParentSpanId(), "-"))
                    .append(" status=").append(span.getStatus().getStatusCode())
                    .append(' ').append(sorted(span.getAttributes()));
            for (EventData event : span.getEvents()) {
                line.append(" event ").append(event.getName()).append(sorted(event.getAttributes()));
            }
            lines.add(line.toString());
        }
        return lines(lines);
    }

    private static String describeMetrics(Collection<MetricData> metrics) {
        List<String> lines = new ArrayList<>();
        for (MetricData metric : metrics) {
            for (HistogramPointData point : metric.getHistogramData().getPoints()) {
                StringBuilder line = new StringBuilder("histogram ").append(metric.getName())
                        .append(" [").append(metric.getUnit()).append("] ")
                        .append(sorted(point.getAttributes()))
                        .append(" count=").append(point.getCount())
                        .append(" buckets=").append(point.getBoundaries());
                if (!"s".equals(metric.getUnit())) {
                    line.append(" sum=").append(point.getSum());
                }
                lines.add(line.toString());
            }
        }
        return lines(lines);
    }

    private static Map<String, Object> sorted(Attributes attributes) {
        Map<String, Object> sorted = new TreeMap<>();
        attributes.forEach((key, value) -> sorted.put(key.getKey() + ':' + key.getType(), value));
        return sorted;
    }

    private static String lines(List<String> lines) {
        lines.sort(null);
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }
}
