package dev.agentotel.internal;

import java.util.Locale;

/** Reads agentotel settings from system properties, then environment variables. */
final class Config {

    private Config() {}

    /**
     * The value of {@code property} (e.g. {@code agentotel.session-id.baggage}) as a system
     * property, else of the matching environment variable ({@code AGENTOTEL_SESSION_ID_BAGGAGE}),
     * else {@code null}.
     */
    static String get(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    static boolean getBoolean(String property, boolean defaultValue) {
        String value = get(property);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }
}
