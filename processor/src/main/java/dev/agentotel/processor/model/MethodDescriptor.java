package dev.agentotel.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One method carrying agentotel annotations, or a constructor whose parameters carry markers.
 *
 * @param element the method or constructor
 * @param key the runtime's lookup key, {@code name(type,type)} as {@link Class#getTypeName()} spells
 *     the erased parameter types
 * @param erasedParameterTypes the erased parameter types, for Javadoc's {@code @link}
 * @param spans the span annotations on it, in source order (valid methods have exactly one)
 * @param parameters its parameters
 * @param returnType its declared return type
 * @param declaredInInterface whether it is a member of an interface
 * @param location where it is declared
 */
public record MethodDescriptor(
        ExecutableElement element,
        String key,
        List<TypeMirror> erasedParameterTypes,
        List<SpanAnnotation> spans,
        List<ParameterDescriptor> parameters,
        TypeInfo returnType,
        boolean declaredInInterface,
        SourceLocation location) {

    public String name() {
        return element.getSimpleName().toString();
    }

    /** The name the model calls this {@code @Tool} method by: its annotation's name, else the method's. */
    public String toolName() {
        String name = spans.stream()
                .filter(span -> span.kind() == SpanKind.TOOL)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name() + " has no @Tool"))
                .string("name");
        return name.isEmpty() ? name() : name;
    }

    /** The method's only span annotation; call on validated methods. */
    public SpanAnnotation span() {
        return spans.get(0);
    }

    /** The first parameter carrying {@code marker}. */
    public Optional<ParameterDescriptor> parameterWith(Marker marker) {
        return parameters.stream().filter(parameter -> parameter.has(marker)).findFirst();
    }

    /** The first parameter of the given type. */
    public Optional<ParameterDescriptor> parameterOfType(ValueType valueType) {
        return parameters.stream().filter(parameter -> parameter.type().valueType() == valueType).findFirst();
    }
}
