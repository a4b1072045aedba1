package dev.agentotel.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tail sampling as {@link AgentTelemetry#install()} sets it up from system properties. The
 * {@code console} exporter stands in for OTLP: autoconfigure gives it a processor of its own, which
 * is what the customizer wraps, and its output can be read back from its logger.
 */
class TailSamplingInstallTest {

    private final Map<String, String> savedProperties = new HashMap<>();

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restoreProperties() {
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static AgentTelemetry.Builder consoleExportOnly() {
        return AgentTelemetry.builder()
                .defaultProperty("otel.traces.exporter", "console")
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none");
    }

    @Test
    void theConfiguredExporterGetsOnlyKeptTracesWhileAnAddedProcessorSeesEverySpan() {
        setProperty("agentotel.tail-sampling.enabled", "true");
        setProperty("agentotel.tail-sampling.ratio", "0");
        InMemorySpanExporter added = InMemorySpanExporter.create();
        List<String> console = new CopyOnWriteArrayList<>();
        Logger consoleLogger = Logger.getLogger(LoggingSpanExporter.class.getName());
        Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                console.add(formatter.formatMessage(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        boolean parentHandlers = consoleLogger.getUseParentHandlers();
        consoleLogger.setUseParentHandlers(false);
        consoleLogger.addHandler(capture);
        try (AgentTelemetry telemetry = consoleExportOnly()
                .addSpanProcessor(SimpleSpanProcessor.create(added))
                .install()) {
            Tracer tracer = telemetry.openTelemetry().getTracer("t");
            tracer.spanBuilder("fast-ok-run").startSpan().end();
            tracer.spanBuilder("failed-run").startSpan().setStatus(StatusCode.ERROR).end();

            // Read now: closing shuts the in-memory exporter down, which empties it.
            assertThat(added.getFinishedSpanItems()).extracting(SpanData::getName)
                    .containsExactly("fast-ok-run", "failed-run");
        } finally {
            consoleLogger.removeHandler(capture);
            consoleLogger.setUseParentHandlers(parentHandlers);
        }

        assertThat(console).singleElement().asString().contains("failed-run");
    }

    @Test
    void anInvalidSettingFailsInstallNamingIt() {
        setProperty("agentotel.tail-sampling.enabled", "true");
        setProperty("agentotel.tail-sampling.ratio", "2");

        assertThatThrownBy(() -> consoleExportOnly().install())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("agentotel.tail-sampling.ratio='2'");
        assertThat(AgentTelemetry.get()).isSameAs(OpenTelemetry.noop());
    }
}
