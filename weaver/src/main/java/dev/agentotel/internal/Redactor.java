package dev.agentotel.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from text before it is recorded (exception messages and stack
 * traces today). Replaces each match with {@code [REDACTED:KIND]}. Never throws.
 */
public final class Redactor {

    private record Rule(String kind, Pattern pattern) {}

    // Order matters: a JWT or bearer token must be caught whole before the generic key rule sees it.
    private static final List<Rule> RULES = List.of(
            new Rule("JWT", Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+")),
            new Rule("BEARER", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}")),
            new Rule("API_KEY", Pattern.compile("\\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}")),
            new Rule("EMAIL", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")));

    private Redactor() {}

    /** {@code text} with every match of a built-in rule replaced; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            String result = text;
            for (Rule rule : RULES) {
                Matcher matcher = rule.pattern().matcher(result);
                if (matcher.find()) {
                    result = matcher.replaceAll("[REDACTED:" + rule.kind() + "]");
                }
            }
            return result;
        } catch (Throwable t) {
            SafeLog.warnOnce("Redactor.redact", t);
            return "[REDACTED]";
        }
    }
}
