package dev.agentotel.example;

import dev.agentotel.telemetry.AgentTelemetry;
import dev.agentotel.telemetry.WaterfallSpanProcessor;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the research agent once and prints its answer, then the trace it produced as a waterfall.
 *
 * <p>Telemetry is set up with {@link AgentTelemetry}, so the standard {@code OTEL_*} variables
 * apply. When none of them configures an exporter, nothing is exported (the example runs offline)
 * and the waterfall is the only output; set e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT} to send the
 * trace and metrics to a collector as well.
 *
 * <p>The search tool asks a {@link RetrievalService} over HTTP: one started here, on a free
 * localhost port with an SDK of its own ({@code service.name} {@value RetrievalService#SERVICE_NAME},
 * the same export settings), or the one at {@code RETRIEVAL_URL} when that is set. Its spans join
 * the agent's trace through the W3C headers, and the waterfall shows both services.
 */
public final class Main {

    static final String DEFAULT_QUESTION = "How tall is the Eiffel Tower in feet?";
    static final String SERVICE_NAME = "research-agent";
    static final String RETRIEVAL_URL_ENV = "RETRIEVAL_URL";

    /** Used when the environment configures no exporter: the example then runs offline. */
    private static final Map<String, String> NO_EXPORT = Map.of(
            "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none");

    private static final List<String> EXPORT_SETTINGS = List.of(
            "otel.traces.exporter",
            "otel.metrics.exporter",
            "otel.logs.exporter",
            "otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.traces.endpoint");

    private Main() {}

    public static void main(String[] args) {
        String question = args.length == 0 ? DEFAULT_QUESTION : String.join(" ", args);
        run(question, System.getenv(), System.out);
    }

    static void run(String question, Map<String, String> environment, PrintStream out) {
        List<String> waterfalls = new CopyOnWriteArrayList<>();
        Map<String, String> exportDefaults = exportConfigured(environment) ? Map.of() : NO_EXPORT;
        AgentTelemetry.Builder telemetry = AgentTelemetry.builder()
                .defaultProperty("otel.service.name", SERVICE_NAME);
        exportDefaults.forEach(telemetry::defaultProperty);
        // With OTEL_DEBUG, AgentTelemetry prints the waterfall itself, as each trace ends.
        SpanProcessor[] waterfall = Boolean.parseBoolean(setting(environment, "otel.debug"))
                ? new SpanProcessor[0]
                : new SpanProcessor[] {new WaterfallSpanProcessor(waterfalls::add)};
        Arrays.stream(waterfall).forEach(telemetry::addSpanProcessor);
        String retrievalUrl = environment.get(RETRIEVAL_URL_ENV);
        AgentTelemetry installed = telemetry.install();
        try (installed;
                AgentSettings settings = AgentSettings.fromEnvironment(environment);
                RetrievalService service = retrievalUrl == null || retrievalUrl.isBlank()
                        ? RetrievalService.startWithOwnTelemetry(new KnowledgeBase(), 0, exportDefaults, waterfall)
                        : null) {
            String searchUrl = service == null ? retrievalUrl.strip() : service.baseUrl();
            out.println("Question: " + question);
            out.println("Model:    " + settings.model() + (settings.isScripted()
                    ? " (scripted OpenAI-compatible server at " + settings.baseUrl() + ")"
                    : " at " + settings.baseUrl()));
            out.println("Search:   " + RetrievalService.SERVICE_NAME + " at " + searchUrl
                    + (service == null ? "" : " (started here, own SDK)"));
            Retriever retriever = new RetrievalClient(URI.create(searchUrl), installed.openTelemetry());
            String answer = settings.newAgent(retriever).answer("session-" + UUID.randomUUID(), question);
            out.println("Answer:   " + answer);
            out.println();
        }
        // The SDK is shut down now: every span has ended and been rendered.
        waterfalls.forEach(out::print);
        out.flush();
    }

    /** Whether the user chose an exporter, by environment variable or system property. */
    private static boolean exportConfigured(Map<String, String> environment) {
        return EXPORT_SETTINGS.stream().anyMatch(property -> setting(environment, property) != null);
    }

    /** An autoconfiguration setting as the SDK reads it: system property first, then variable. */
    private static String setting(Map<String, String> environment, String property) {
        String value = System.getProperty(property);
        return value != null ? value : environment.get(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
}
