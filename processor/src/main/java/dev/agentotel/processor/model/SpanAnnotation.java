package dev.agentotel.processor.model;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * A span annotation on a method, with its values (defaults filled in) and, for values written in
 * the source, the {@link AnnotationValue} that diagnostics point at.
 */
public record SpanAnnotation(
        SpanKind kind,
        AnnotationMirror mirror,
        Map<String, Object> values,
        Map<String, AnnotationValue> explicitValues) {

    public String string(String name) {
        return (String) values.get(name);
    }

    public int integer(String name) {
        return (Integer) values.get(name);
    }

    /** The value as written in the source, or {@code null} when it comes from the default. */
    public AnnotationValue explicit(String name) {
        return explicitValues.get(name);
    }
}
