package dev.agentotel.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/** What validation found; validators add to it, one place prints it. */
public final class Report {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    void add(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
            Object... arguments) {
        diagnostics.add(new Diagnostic(message, element, annotation, value, List.of(arguments)));
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(diagnostic -> diagnostic.message().kind() == Kind.ERROR);
    }
}
