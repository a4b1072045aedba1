package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_ITERATIONS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_OPERATION_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TOKEN_USAGE;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_EXECUTE_TOOL_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_INVOKE_AGENT_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.SCHEMA_URL;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.List;

/** The tracer and metric instruments of one {@link OpenTelemetry} instance. Immutable. */
final class Instruments {

    static final String INSTRUMENTATION_NAME = "dev.agentotel";

    // Bucket boundaries from the GenAI metrics conventions, given as advice so users need no views.
    private static final List<Long> TOKEN_BUCKETS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
            16777216L, 67108864L);
    private static final List<Double> DURATION_BUCKETS = List.of(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
    private static final List<Long> ITERATION_BUCKETS = List.of(1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 100L);

    final OpenTelemetry openTelemetry;
    /** False for the no-op API: then the aspect does nothing at all. */
    final boolean recording;
    final Tracer tracer;
    final LongHistogram tokenUsage;
    final DoubleHistogram operationDuration;
    final DoubleHistogram invokeAgentDuration;
    final DoubleHistogram executeToolDuration;
    final LongHistogram iterations;
    final DoubleHistogram timeToFirstChunk;
    final DoubleHistogram timePerOutputChunk;
    final DoubleCounter usageCost;
    /** Where LLM calls go, from configuration; {@link ServerEndpoint#UNKNOWN} when not configured. */
    final ServerEndpoint llmServer;
    /** The user's price table; empty when none is configured. */
    final PriceTable prices;
    /** Streamed LLM calls whose spans are open, ended on timeout or at close. */
    final OpenStreams streams;
    /** Content capture and redaction. */
    final ContentPolicy content;
    /** What {@link #content} was built with, to rebuild when another installation brings others. */
    final ContentPolicy.Extensions extensions;

    Instruments(OpenTelemetry openTelemetry, ContentPolicy.Extensions extensions) {
        this.openTelemetry = openTelemetry;
        this.recording = openTelemetry.getTracerProvider() != TracerProvider.noop();
        String version = Versions.AGENTOTEL;
        this.tracer = openTelemetry.tracerBuilder(INSTRUMENTATION_NAME)
                .setInstrumentationVersion(version)
                .setSchemaUrl(SCHEMA_URL)
                .build();
        Meter meter = openTelemetry.meterBuilder(INSTRUMENTATION_NAME)
                .setInstrumentationVersion(version)
                .setSchemaUrl(SCHEMA_URL)
                .build();
        this.tokenUsage = meter.histogramBuilder(METRIC_CLIENT_TOKEN_USAGE)
                .ofLongs()
                .setUnit("{token}")
                .setDescription("Number of input and output tokens used per model call.")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        this.operationDuration = secondsHistogram(meter, METRIC_CLIENT_OPERATION_DURATION, "Duration of a model call.");
        this.invokeAgentDuration = secondsHistogram(meter, METRIC_INVOKE_AGENT_DURATION, "Duration of an agent run.");
        this.executeToolDuration = secondsHistogram(meter, METRIC_EXECUTE_TOOL_DURATION, "Duration of a tool call.");
        this.iterations = meter.histogramBuilder(METRIC_AGENT_ITERATIONS)
                .ofLongs()
                .setUnit("{iteration}")
                .setDescription("Iterations used per agent run.")
                .setExplicitBucketBoundariesAdvice(ITERATION_BUCKETS)
                .build();
        this.timeToFirstChunk = secondsHistogram(meter, METRIC_CLIENT_TIME_TO_FIRST_CHUNK,
                "Time from the request to the first chunk of a streamed response.");
        this.timePerOutputChunk = secondsHistogram(meter, METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK,
                "Time between consecutive chunks of a streamed response, for each chunk after the first.");
        this.usageCost = meter.counterBuilder(METRIC_AGENT_USAGE_COST)
                .ofDoubles()
                .setUnit("{USD}")
                .setDescription("Estimated cost of model calls in US dollars, from the configured price table.")
                .build();
        this.llmServer = ServerEndpoint.fromConfig();
        this.prices = PriceTable.fromConfig();
        this.streams = OpenStreams.fromConfig();
        this.extensions = extensions;
        this.content = ContentPolicy.fromConfig(extensions);
    }

    private static DoubleHistogram secondsHistogram(Meter meter, String name, String description) {
        return meter.histogramBuilder(name)
                .setUnit("s")
                .setDescription(description)
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
    }
}
