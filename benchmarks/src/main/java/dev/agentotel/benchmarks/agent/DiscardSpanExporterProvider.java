package dev.agentotel.benchmarks.agent;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code otel.traces.exporter=discard} for the OpenTelemetry Java agent, loaded as an extension
 * ({@code -Dotel.javaagent.extensions=...agent-extension.jar}). The agent's own {@code none} would
 * install no span processor at all and flatter it; with this exporter it runs its batch span
 * processor like the SDK of the other rows.
 */
public final class DiscardSpanExporterProvider implements ConfigurableSpanExporterProvider {

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new DiscardingSpanExporter();
    }

    @Override
    public String getName() {
        return "discard";
    }
}
