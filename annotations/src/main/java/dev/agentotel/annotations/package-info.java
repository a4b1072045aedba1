/**
 * The annotations that make agent code observable.
 *
 * <p>Put {@link dev.agentotel.annotations.AgentRun} on the method that runs the agent for one user
 * request, {@link dev.agentotel.annotations.Iteration} on the method that performs one
 * reason/act step, {@link dev.agentotel.annotations.LlmCall} on the method that calls the model
 * and {@link dev.agentotel.annotations.Tool} on each tool. The agentotel annotation processor
 * checks every annotated method at compile time and writes a {@code <Class>_AgentTelemetry}
 * class beside yours; the agentotel aspect, woven by the AspectJ Maven plugin, then runs each
 * call inside the span described on each annotation.
 *
 * <p>Only method bodies are woven: annotations on abstract methods (of classes or interfaces) are
 * rejected at compile time, since they would never fire; annotate the implementation instead.
 * Default, static and private interface methods have bodies and are instrumented like any other.
 */
package dev.agentotel.annotations;
