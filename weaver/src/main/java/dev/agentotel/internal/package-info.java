/**
 * The runtime behind the woven aspect. Internal: not an API, may change in any release.
 *
 * <p>The aspect is thin: it asks {@link dev.agentotel.internal.Dispatch} for an
 * {@link dev.agentotel.internal.Invocation} and tells it how the method ended. Everything here
 * catches its own failures: telemetry never changes what the user's method returns or throws.
 */
package dev.agentotel.internal;
