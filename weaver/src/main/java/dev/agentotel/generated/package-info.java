/**
 * The types that generated {@code <Class>_AgentTelemetry} classes are written against.
 *
 * <p>Not for direct use: the agentotel annotation processor writes one subclass of
 * {@link dev.agentotel.generated.AgentRunTelemetry}, {@link dev.agentotel.generated.IterationTelemetry},
 * {@link dev.agentotel.generated.LlmCallTelemetry} or {@link dev.agentotel.generated.ToolTelemetry}
 * per annotated method, holding the annotation's values and typed code that reads the method's
 * arguments and result. The runtime finds the generated class once per woven method and calls
 * it only when telemetry is being recorded. Nothing here uses reflection.
 */
package dev.agentotel.generated;
