package dev.agentotel.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
 *
 * <p>With an exporter and a reader of its own rather than those of {@code opentelemetry-sdk-testing},
 * which would also install its context storage in every fork and slow down every row.
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
        List<SpanData> spans = new ArrayList<>();
        Reader metrics = new Reader();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collectInto(spans))).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build()) {
            row.run(sdk);
            return describeSpans(spans) + describeMetrics(metrics.registration.collectAllMetrics());
        }
    }

    private static SpanExporter collectInto(List<SpanData> spans) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                spans.addAll(batch);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    /** Collects on demand, cumulatively. */
    private static final class Reader implements MetricReader {

        CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
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
