package dev.agentotel.processor.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/** What validation found; validators add to it, one place prints it. */
public final class Report {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Adds a diagnostic, unless it is a warning that the element or one enclosing it suppresses. */
    void add(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
            Object... arguments) {
        if (message.kind() != Kind.ERROR && suppressed(message, element)) {
            return;
        }
        diagnostics.add(new Diagnostic(message, element, annotation, value, List.of(arguments)));
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(diagnostic -> diagnostic.message().kind() == Kind.ERROR);
    }

    private static boolean suppressed(Message message, Element element) {
        for (Element current = element; current != null; current = current.getEnclosingElement()) {
            SuppressWarnings suppressions = current.getAnnotation(SuppressWarnings.class);
            if (suppressions != null && Arrays.stream(suppressions.value())
                    .anyMatch(name -> name.equals(Message.SUPPRESSION) || name.equals(message.id()))) {
                return true;
            }
        }
        return false;
    }
}
