/**
 * Writes the generated {@code <Class>_AgentTelemetry} sources with JavaPoet, and the telemetry
 * catalog of a compilation as JSON and Markdown.
 */
package dev.agentotel.processor.write;
