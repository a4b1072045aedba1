package dev.agentotel.generated;

/**
 * What the runtime needs to know about one annotated method. One of the four subclasses, one per
 * annotation.
 */
public abstract class MethodTelemetry {

    MethodTelemetry() {}
}
