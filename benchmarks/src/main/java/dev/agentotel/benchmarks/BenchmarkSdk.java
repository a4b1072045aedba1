package dev.agentotel.benchmarks;

import dev.agentotel.benchmarks.agent.DiscardingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Collection;

/**
 * The SDK of the hand-written and agentotel rows, built the same way for both: spans through a
 * {@link BatchSpanProcessor} (default queue and batch sizes) into a {@link DiscardingSpanExporter},
 * metrics aggregated by a periodic reader whose first export would come after an hour, i.e. never
 * during a measurement.
 */
final class BenchmarkSdk {

    private BenchmarkSdk() {}

    static OpenTelemetrySdk create() {
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
                .build();
        SdkMeterProvider metrics = SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.builder(new DiscardingMetricExporter())
                        .setInterval(Duration.ofHours(1))
                        .build())
                .build();
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing)
                .setMeterProvider(metrics)
                .build();
    }

    private static final class DiscardingMetricExporter implements MetricExporter {

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
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
    }
}
