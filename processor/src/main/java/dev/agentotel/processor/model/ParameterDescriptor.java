package dev.agentotel.processor.model;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;

/**
 * One parameter of an annotated method.
 *
 * @param element where diagnostics about the parameter go
 * @param index its position in the argument array
 * @param type its declared type
 * @param markers the markers on it, each with its annotation mirror (in declaration order)
 */
public record ParameterDescriptor(
        VariableElement element, int index, TypeInfo type, Map<Marker, AnnotationMirror> markers) {

    public String name() {
        return element.getSimpleName().toString();
    }

    public boolean has(Marker marker) {
        return markers.containsKey(marker);
    }
}
