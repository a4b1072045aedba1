/** Writes the generated {@code <Class>_AgentTelemetry} sources with JavaPoet. */
package dev.agentotel.processor.write;
