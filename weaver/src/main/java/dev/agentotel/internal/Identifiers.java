package dev.agentotel.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds identifier-like text copied from user input or from a provider's response (session and
 * tool call ids, model names, response ids, finish reasons, ...) to {@link #MAX_LENGTH}
 * characters. Such values are short by nature; a long one is a bug or an attack, and would
 * otherwise land in every span, span name, metric point and baggage header as it is.
 */
final class Identifiers {

    /** Longest identifier kept, in UTF-16 characters; documented in docs/reliability.md. */
    static final int MAX_LENGTH = 256;

    private Identifiers() {}

    /** {@code value} cut to {@link #MAX_LENGTH} characters (never inside a surrogate pair); {@code null} stays null. */
    static String bound(String value) {
        if (value == null || value.length() <= MAX_LENGTH) {
            return value;
        }
        return prefix(value, MAX_LENGTH);
    }

    /**
     * The first {@code length} characters of {@code text} (all of it when shorter), one fewer when
     * the last would be the high half of a surrogate pair.
     */
    static String prefix(String text, int length) {
        int end = Math.min(length, text.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code values} with each element {@linkplain #bound bounded}; the same list when none is too long. */
    static List<String> bound(List<String> values) {
        if (values == null) {
            return null;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && value.length() > MAX_LENGTH) {
                List<String> bounded = new ArrayList<>(values.size());
                for (String each : values) {
                    bounded.add(bound(each));
                }
                return bounded;
            }
        }
        return values;
    }
}
