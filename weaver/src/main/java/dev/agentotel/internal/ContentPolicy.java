package dev.agentotel.internal;

import dev.agentotel.telemetry.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What text may leave the process, decided once per OpenTelemetry instance: whether content is
 * captured at all, how it is redacted, and how long a captured text may be.
 *
 * <p>Redaction runs the built-in {@link PiiDetectors}, then the configured patterns
 * ({@code agentotel.redact.pattern.<KIND>=<regex>} system properties,
 * {@code AGENTOTEL_REDACT_PATTERN_<KIND>} environment variables, or
 * {@code AgentTelemetry.Builder.redactPattern}), then the {@link Redactor}s (registered on the
 * builder, or found by {@link ServiceLoader}). It never throws: text it cannot redact is dropped.
 */
final class ContentPolicy {

    static final String CAPTURE_PROPERTY = "otel.instrumentation.genai.capture-message-content";
    static final String MAX_LENGTH_PROPERTY = "agentotel.content.max-length";
    static final String MAX_MESSAGES_PROPERTY = "agentotel.content.max-messages";
    static final String PATTERN_PROPERTY_PREFIX = "agentotel.redact.pattern.";
    static final String PATTERN_ENV_PREFIX = "AGENTOTEL_REDACT_PATTERN_";
    static final int DEFAULT_MAX_LENGTH = 512;
    static final int DEFAULT_MAX_MESSAGES = 64;
    /** Appended to a captured text cut at the maximum length. */
    static final String TRUNCATED_MARKER = "…[TRUNCATED]";
    /** Characters of a long text that are redacted before it is cut; see {@link #cut}. */
    static final int REDACTION_WINDOW = 64 * 1024;
    /** What a text becomes when redaction itself failed: nothing of it leaves the process. */
    static final String DROPPED = "[REDACTED]";

    private record Rule(String kind, Pattern pattern) {}

    /** Redactors and patterns given to {@code AgentTelemetry.Builder}, for the instance it installs. */
    record Extensions(List<Redactor> redactors, Map<String, String> patterns) {
        static final Extensions NONE = new Extensions(List.of(), Map.of());
    }

    final boolean capture;
    final int maxLength;
    final int maxMessages;
    private final List<Rule> rules;
    private final List<Redactor> redactors;

    private ContentPolicy(boolean capture, int maxLength, int maxMessages, List<Rule> rules, List<Redactor> redactors) {
        this.capture = capture;
        this.maxLength = maxLength;
        this.maxMessages = maxMessages;
        this.rules = rules;
        this.redactors = redactors;
    }

    static ContentPolicy fromConfig(Extensions extensions) {
        Map<String, String> patterns = new TreeMap<>(extensions.patterns());
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(PATTERN_ENV_PREFIX) && name.length() > PATTERN_ENV_PREFIX.length()) {
                patterns.put(name.substring(PATTERN_ENV_PREFIX.length()), value);
            }
        });
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PATTERN_PROPERTY_PREFIX) && name.length() > PATTERN_PROPERTY_PREFIX.length()) {
                patterns.put(name.substring(PATTERN_PROPERTY_PREFIX.length()), System.getProperty(name));
            }
        }
        List<Rule> rules = new ArrayList<>();
        patterns.forEach((kind, regex) -> {
            try {
                rules.add(new Rule(kind.toUpperCase(Locale.ROOT), Pattern.compile(regex)));
            } catch (RuntimeException e) {
                SafeLog.warnOnce("redact pattern " + kind, "Redaction pattern " + kind + " is not a valid regular"
                        + " expression and is ignored: " + e.getMessage());
            }
        });
        List<Redactor> redactors = new ArrayList<>(extensions.redactors());
        try {
            for (Redactor redactor : ServiceLoader.load(Redactor.class, ContentPolicy.class.getClassLoader())) {
                redactors.add(redactor);
            }
        } catch (Throwable t) {
            SafeLog.warnOnce("Redactor ServiceLoader", t);
        }
        return new ContentPolicy(
                Config.getBoolean(CAPTURE_PROPERTY, false),
                positive(MAX_LENGTH_PROPERTY, DEFAULT_MAX_LENGTH),
                positive(MAX_MESSAGES_PROPERTY, DEFAULT_MAX_MESSAGES),
                List.copyOf(rules),
                List.copyOf(redactors));
    }

    private static int positive(String property, int defaultValue) {
        String value = Config.get(property);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        SafeLog.warnOnce(property, property + "=" + value + " is not a positive number; using " + defaultValue);
        return defaultValue;
    }

    /** {@code text} without secrets and personal data; {@code null} stays {@code null}. Never throws. */
    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            String result = PiiDetectors.redact(text);
            for (Rule rule : rules) {
                Matcher matcher = rule.pattern().matcher(result);
                if (matcher.find()) {
                    result = matcher.replaceAll(Matcher.quoteReplacement("[REDACTED:" + rule.kind() + "]"));
                }
            }
            for (Redactor redactor : redactors) {
                result = redactor.redact(result);
                if (result == null) {
                    return DROPPED;
                }
            }
            return result;
        } catch (Throwable t) {
            // Fail closed: a text we could not redact must not leave the process.
            SafeLog.warnOnce("redaction", t);
            return DROPPED;
        }
    }

    /** A text to capture: {@link #cut} to {@link #maxLength}. */
    String capture(String text, ContentCapture.Flag truncated) {
        return cut(text, maxLength, truncated);
    }

    /**
     * {@code text} redacted, then cut at {@code keep} characters with {@link #TRUNCATED_MARKER}.
     * Redaction runs before the cut, so that a cut cannot split a secret past its detector. Only
     * the first {@link #REDACTION_WINDOW} characters of a longer text are looked at (it is cut far
     * before that anyway), which bounds the work on the caller's thread; a secret across that point
     * could only reach the kept part if redaction shrank the text before it by almost as much.
     */
    String cut(String text, int keep, ContentCapture.Flag truncated) {
        if (text == null) {
            return null;
        }
        int window = Math.max(REDACTION_WINDOW, keep);
        boolean windowed = text.length() > window;
        String redacted = redact(windowed ? text.substring(0, window) : text);
        if (redacted.length() <= keep && !windowed) {
            return redacted;
        }
        truncated.set();
        return Identifiers.prefix(redacted, keep) + TRUNCATED_MARKER;
    }
}
