package dev.agentotel.telemetry;

import static dev.agentotel.telemetry.GenAiAttributes.AI_AGENT_FRAMEWORK;
import static dev.agentotel.telemetry.GenAiAttributes.DISTRO_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.TELEMETRY_DISTRO_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.TELEMETRY_DISTRO_VERSION;

import dev.agentotel.internal.TelemetryState;
import dev.agentotel.internal.Versions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Sets up the OpenTelemetry instance that agentotel's woven code records into.
 *
 * <p>{@link #install()} builds an SDK with the OpenTelemetry autoconfiguration module, so every
 * standard {@code OTEL_*} environment variable and {@code otel.*} system property applies: OTLP
 * export by default (HTTP/protobuf to {@code http://localhost:4318} unless
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} says otherwise), spans through a batch span processor,
 * {@code OTEL_SERVICE_NAME} for
 * {@code service.name}. agentotel adds the resource attributes {@code telemetry.distro.name},
 * {@code telemetry.distro.version} and {@code ai.agent.framework} (unless configured), and, with
 * {@code OTEL_DEBUG=true} (or {@code -Dotel.debug=true}), console output of every span plus a
 * {@link Waterfall} of each finished trace. With {@code agentotel.tail-sampling.enabled=true} (or
 * {@code AGENTOTEL_TAIL_SAMPLING_ENABLED=true}) the exporters get only the traces a
 * {@link TailSamplingSpanProcessor} keeps.
 *
 * <p>Installations do not stack: each {@code install} replaces the one before it, which then no
 * longer records (its SDK, if it built one, keeps running until it is closed). Closing an
 * installation that was replaced does not uninstall the current one, and closing the current one
 * does not bring back the one it replaced.
 *
 * <p>Without {@code install}, the woven code uses {@code GlobalOpenTelemetry} once the application
 * (the OpenTelemetry Java agent, a framework starter or its own code) has set it; with neither, it
 * records nothing, at near-zero cost.
 *
 * <pre>{@code
 * try (AgentTelemetry telemetry = AgentTelemetry.install()) {
 *     agent.answer(sessionId, question);
 * } // flushes and shuts down the SDK
 * }</pre>
 */
public final class AgentTelemetry implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static AgentTelemetry current;

    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk ownedSdk;
    private final List<Redactor> redactors;
    private final Map<String, String> redactPatterns;

    private AgentTelemetry(OpenTelemetry openTelemetry, OpenTelemetrySdk ownedSdk, List<Redactor> redactors,
            Map<String, String> redactPatterns) {
        this.openTelemetry = openTelemetry;
        this.ownedSdk = ownedSdk;
        this.redactors = redactors;
        this.redactPatterns = redactPatterns;
    }

    /**
     * Builds an SDK from the environment (see class doc) and makes the woven code use it.
     *
     * <p>Called once at start-up, it fails fast like the SDK's autoconfiguration: an invalid
     * setting (an unknown exporter, a malformed endpoint, a tail sampling ratio above 1) throws
     * {@code io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException} here rather than
     * leaving the application running without the telemetry it asked for.
     */
    public static AgentTelemetry install() {
        return builder().install();
    }

    /**
     * Makes the woven code record into {@code openTelemetry}, an instance the caller built and owns
     * (e.g. an SDK with an in-memory exporter in tests). {@link #close()} then uninstalls it
     * without shutting it down.
     */
    public static AgentTelemetry install(OpenTelemetry openTelemetry) {
        if (openTelemetry == null) {
            throw new NullPointerException("openTelemetry");
        }
        return builder().install(openTelemetry);
    }

    /** A builder for {@link #install()} with defaults of the caller's choosing. */
    public static Builder builder() {
        return new Builder();
    }

    /** The instance the woven code records into now: installed, else global, else no-op. */
    public static OpenTelemetry get() {
        OpenTelemetry otel = TelemetryState.current();
        return otel == null ? OpenTelemetry.noop() : otel;
    }

    /** The OpenTelemetry instance this installation uses. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * Uninstalls this instance (if still the installed one) and, when {@link #install()} built it,
     * flushes and shuts it down, waiting up to 10 seconds. Streamed LLM calls recorded into it whose
     * streams are still open get their spans ended first ({@code error.type} {@code shutdown}).
     * Runs in flight on other threads are not disturbed: they return what they return, and their
     * spans end into the closed instance, which drops them once it is shut down.
     */
    @Override
    public void close() {
        TelemetryState.endOpenStreams(openTelemetry);
        synchronized (LOCK) {
            if (current == this) {
                current = null;
                TelemetryState.install(null);
            }
        }
        if (ownedSdk != null) {
            ownedSdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static AgentTelemetry register(AgentTelemetry telemetry) {
        synchronized (LOCK) {
            current = telemetry;
            TelemetryState.install(telemetry.openTelemetry, telemetry.redactors, telemetry.redactPatterns);
        }
        return telemetry;
    }

    /** Configures {@link AgentTelemetry#install()}. */
    public static final class Builder {

        private final Map<String, String> defaults = new LinkedHashMap<>(Map.of(
                // The JDK HTTP sender we ship speaks OTLP/HTTP; gRPC needs a gRPC sender on the class path.
                "otel.exporter.otlp.protocol", "http/protobuf"));
        private final List<SpanProcessor> spanProcessors = new ArrayList<>();
        private final List<Redactor> redactors = new ArrayList<>();
        private final Map<String, String> redactPatterns = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds custom redaction, run on every recorded text after the built-in detectors and the
         * patterns (see {@link Redactor}).
         */
        public Builder addRedactor(Redactor redactor) {
            redactors.add(Objects.requireNonNull(redactor, "redactor"));
            return this;
        }

        /**
         * Redacts every match of {@code regex} as {@code [REDACTED:KIND]}, like the
         * {@code agentotel.redact.pattern.KIND} setting.
         *
         * @throws java.util.regex.PatternSyntaxException when {@code regex} is not valid, at once
         */
        public Builder redactPattern(String kind, String regex) {
            Pattern.compile(regex);
            redactPatterns.put(Objects.requireNonNull(kind, "kind"), regex);
            return this;
        }

        /**
         * Makes the woven code record into {@code openTelemetry}, an instance the caller built and
         * owns, with this builder's redaction; {@link AgentTelemetry#close()} uninstalls it without
         * shutting it down. Span processors and default properties do not apply to it.
         */
        public AgentTelemetry install(OpenTelemetry openTelemetry) {
            if (openTelemetry == null) {
                throw new NullPointerException("openTelemetry");
            }
            return register(new AgentTelemetry(openTelemetry, null, List.copyOf(redactors), Map.copyOf(redactPatterns)));
        }

        /**
         * Adds a span processor beside the configured export, e.g. a {@link WaterfallSpanProcessor}
         * that prints each trace; it is shut down with the SDK. It sees every span, including those
         * of traces that tail sampling drops.
         */
        public Builder addSpanProcessor(SpanProcessor processor) {
            spanProcessors.add(processor);
            return this;
        }

        /**
         * A default for an autoconfiguration property (e.g. {@code otel.traces.exporter}); the
         * environment variable or system property of the same setting wins over it.
         */
        public Builder defaultProperty(String key, String value) {
            defaults.put(key, value);
            return this;
        }

        /** Builds the SDK and installs it. */
        public AgentTelemetry install() {
            Map<String, String> properties = Map.copyOf(defaults);
            List<SpanProcessor> processors = List.copyOf(spanProcessors);
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties)
                    .addResourceCustomizer(Builder::distroResource)
                    // Wraps only the processors autoconfigure builds for otel.traces.exporter; those
                    // added below see every span.
                    .addSpanProcessorCustomizer(TailSamplingSpanProcessor::fromConfig)
                    .addTracerProviderCustomizer((builder, config) -> {
                        processors.forEach(builder::addSpanProcessor);
                        return debugOutput(builder, config);
                    })
                    .build()
                    .getOpenTelemetrySdk();
            return register(new AgentTelemetry(sdk, sdk, List.copyOf(redactors), Map.copyOf(redactPatterns)));
        }

        private static Resource distroResource(Resource resource, ConfigProperties config) {
            AttributesBuilder distro = Attributes.builder()
                    .put(TELEMETRY_DISTRO_NAME, DISTRO_NAME)
                    .put(TELEMETRY_DISTRO_VERSION, Versions.AGENTOTEL);
            if (resource.getAttribute(AI_AGENT_FRAMEWORK) == null) {
                distro.put(AI_AGENT_FRAMEWORK, DISTRO_NAME);
            }
            return resource.merge(Resource.create(distro.build()));
        }

        private static SdkTracerProviderBuilder debugOutput(SdkTracerProviderBuilder builder, ConfigProperties config) {
            if (debugEnabled(config)) {
                builder.addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create()));
                builder.addSpanProcessor(new WaterfallSpanProcessor(System.out));
            }
            return builder;
        }

        private static boolean debugEnabled(ConfigProperties config) {
            // OTEL_DEBUG is agentotel's switch, read the way autoconfigure reads OTEL_* variables.
            return config.getBoolean("otel.debug", false);
        }
    }
}
