package dev.agentotel.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs each distinct telemetry problem once, so a broken exporter or extractor cannot flood the log. */
final class SafeLog {

    private static final Logger LOGGER = Logger.getLogger("dev.agentotel");
    private static final int MAX_DISTINCT = 1_000;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private SafeLog() {}

    /** Logs {@code message} at WARNING the first time this (where, failure class) pair is seen. */
    static void warnOnce(String where, Throwable failure) {
        try {
            String key = where + '|' + failure.getClass().getName();
            if (SEEN.size() < MAX_DISTINCT && SEEN.add(key)) {
                LOGGER.log(
                        Level.WARNING,
                        "[agentotel] telemetry failed in " + where
                                + "; the instrumented method was not affected. This is logged once.",
                        failure);
            }
        } catch (Throwable ignored) {
            // Logging itself failed (e.g. a broken handler): nothing more can be done safely.
        }
    }

    /** Logs {@code message} at WARNING the first time {@code key} is seen. */
    static void warnOnce(String key, String message) {
        try {
            if (SEEN.size() < MAX_DISTINCT && SEEN.add(key)) {
                LOGGER.warning("[agentotel] " + message);
            }
        } catch (Throwable ignored) {
            // As above.
        }
    }
}
