package dev.agentotel.telemetry;

/**
 * Custom redaction, for what the built-in detectors cannot know: customer numbers, internal host
 * names, a whole field that must never leave the process. Runs on every text agentotel records
 * (exception messages always; prompts, completions, tool arguments and results, and the user
 * query when content capture is on), after the built-in detectors and the configured patterns.
 *
 * <p>Register one with {@link AgentTelemetry.Builder#addRedactor}, or, when agentotel records into
 * an OpenTelemetry set up elsewhere, list it in {@code META-INF/services/dev.agentotel.telemetry.Redactor}.
 * It must be thread-safe and fast. If it throws, the text is dropped (replaced by
 * {@code [REDACTED]}), the problem is logged once, and the instrumented method is not affected.
 */
@FunctionalInterface
public interface Redactor {

    /** {@code text} with what must not leave the process replaced; never {@code null} for non-null input. */
    String redact(String text);
}
