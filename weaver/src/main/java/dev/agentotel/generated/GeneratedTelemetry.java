package dev.agentotel.generated;

/**
 * Implemented by each generated {@code <Class>_AgentTelemetry}: maps the annotated methods of one
 * class to their telemetry descriptors.
 *
 * <p>The generated class is named after the annotated class: {@code com.acme.Agent} gets
 * {@code com.acme.Agent_AgentTelemetry}, the nested {@code com.acme.Outer.Inner} gets
 * {@code com.acme.Outer_Inner_AgentTelemetry}. It is public, final and has a public no-argument
 * constructor.
 */
public interface GeneratedTelemetry {

    /** Suffix appended to the annotated class's name to form the generated class's simple name. */
    String CLASS_SUFFIX = "_AgentTelemetry";

    /**
     * Returns the descriptor of one annotated method, or {@code null} when the key names no
     * annotated method of this class.
     *
     * @param methodKey {@code name(type,type)}: the method name and its erased parameter types as
     *     {@link Class#getTypeName()} spells them ({@code int}, {@code java.lang.String[]},
     *     {@code com.acme.Outer$Inner}), comma-separated without spaces
     */
    MethodTelemetry find(String methodKey);
}
