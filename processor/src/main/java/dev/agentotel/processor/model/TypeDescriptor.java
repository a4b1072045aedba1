package dev.agentotel.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A class with agentotel-annotated methods and the name of the class generated for it.
 *
 * @param element the annotated class
 * @param packageName its package
 * @param generatedSimpleName {@code Outer_Inner_AgentTelemetry} for {@code Outer.Inner}
 * @param methods its annotated methods (and methods with markers), in source order
 * @param hasAgentRun whether it declares or inherits an {@code @AgentRun} method
 */
public record TypeDescriptor(
        TypeElement element,
        String packageName,
        String generatedSimpleName,
        List<MethodDescriptor> methods,
        boolean hasAgentRun) {

    /**
     * Whether a parameter or return type of an annotated method is not known to the compiler yet,
     * e.g. because another annotation processor generates it in this round.
     */
    public boolean hasUnresolvedTypes() {
        return methods.stream().anyMatch(method -> method.returnType().isUnresolved()
                || method.parameters().stream().anyMatch(parameter -> parameter.type().isUnresolved()));
    }
}
