/**
 * The public runtime API: {@link dev.agentotel.telemetry.AgentTelemetry} sets up OpenTelemetry for
 * the woven code, {@link dev.agentotel.telemetry.GenAiAttributes} names everything it emits,
 * {@link dev.agentotel.telemetry.TelemetrySurface} says which of it each kind of span can carry,
 * {@link dev.agentotel.telemetry.Waterfall} prints a trace as a tree for local debugging, and
 * {@link dev.agentotel.telemetry.TailSamplingSpanProcessor} keeps failed, slow and a sample of other
 * traces when there is no collector to do so.
 */
package dev.agentotel.telemetry;
