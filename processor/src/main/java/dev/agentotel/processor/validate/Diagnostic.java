package dev.agentotel.processor.validate;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One problem found by validation, placed on the most precise position known: an annotation value,
 * else an annotation, else an element.
 *
 * @param annotation {@code null} to point at the element itself
 * @param value {@code null} to point at the whole annotation
 */
public record Diagnostic(
        Message message, Element element, AnnotationMirror annotation, AnnotationValue value, List<Object> arguments) {

    public String text() {
        return message.format(arguments.toArray());
    }
}
