package dev.agentotel.processor;

import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.read.TypeReader;
import dev.agentotel.processor.validate.Diagnostic;
import dev.agentotel.processor.validate.MethodValidator;
import dev.agentotel.processor.validate.Report;
import dev.agentotel.processor.write.CatalogWriter;
import dev.agentotel.processor.write.TelemetryWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The agentotel annotation processor: validates every method carrying an agentotel annotation
 * and, for each class whose annotated methods are all valid, writes its
 * {@code <Class>_AgentTelemetry}. In the last round it writes the telemetry catalog of every class
 * it generated for, {@value CatalogWriter#JSON_RESOURCE} and {@value CatalogWriter#MARKDOWN_RESOURCE}.
 *
 * <p>Read, validate, write: nothing is generated for a class with an error, so a build either
 * instruments every annotated method or fails with a message on the offending element.
 */
public final class AgentOtelProcessor extends AbstractProcessor {

    private final Set<String> processed = new HashSet<>();
    private final Set<String> deferred = new LinkedHashSet<>();
    /** The methods of the classes generated for so far. */
    private final CatalogWriter catalog = new CatalogWriter();
    private boolean catalogWritten;
    private TypeReader reader;
    private MethodValidator validator;
    private TelemetryWriter writer;

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        reader = new TypeReader(environment);
        validator = new MethodValidator();
        writer = new TelemetryWriter();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new TreeSet<>();
        for (SpanKind kind : SpanKind.values()) {
            names.add(kind.annotationName());
        }
        for (Marker marker : Marker.values()) {
            names.add(marker.annotationName());
        }
        return names;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Map<String, TypeElement> types = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.put(name, type);
            }
        }
        deferred.clear();
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                Element method = element.getKind() == ElementKind.PARAMETER ? element.getEnclosingElement() : element;
                if (method.getKind() != ElementKind.METHOD) {
                    continue; // constructor and lambda parameters: the markers' @Target keeps others out
                }
                TypeElement type = (TypeElement) method.getEnclosingElement();
                types.putIfAbsent(type.getQualifiedName().toString(), type);
            }
        }
        for (TypeElement type : types.values()) {
            String name = type.getQualifiedName().toString();
            if (processed.contains(name)) {
                continue;
            }
            TypeDescriptor descriptor = reader.read(type);
            if (descriptor.hasUnresolvedTypes() && !round.processingOver()) {
                // Another processor may generate the missing type in this round: a key read now
                // would misspell it and the method would silently never match at run time.
                deferred.add(name);
                continue;
            }
            processed.add(name);
            process(descriptor);
        }
        if (round.processingOver() && !catalogWritten) {
            catalogWritten = true;
            writeCatalog();
        }
        return false;
    }

    private void process(TypeDescriptor descriptor) {
        Report report = validator.validate(descriptor);
        Messager messager = processingEnv.getMessager();
        for (Diagnostic diagnostic : report.diagnostics()) {
            messager.printMessage(diagnostic.message().kind(), diagnostic.text(), diagnostic.element(),
                    diagnostic.annotation(), diagnostic.value());
        }
        if (report.hasErrors()
                // Still unknown in the last round: javac reports the missing type, we generate nothing.
                || descriptor.hasUnresolvedTypes()
                || descriptor.methods().stream().allMatch(method -> method.spans().isEmpty())) {
            return;
        }
        try {
            writer.write(descriptor).writeTo(processingEnv.getFiler());
        } catch (IOException | RuntimeException e) {
            messager.printMessage(Kind.ERROR, "[agentotel] Could not write " + descriptor.generatedSimpleName()
                    + ": " + e + ". Without it the methods of this class would not be instrumented."
                    + " Run a clean build; if it persists, report it with this message.", descriptor.element());
            return;
        }
        catalog.add(descriptor);
    }

    /** Writes the catalog once, in the last round, when every class has been generated for. */
    private void writeCatalog() {
        String resource = CatalogWriter.JSON_RESOURCE;
        try {
            writeResource(resource, catalog.json());
            resource = CatalogWriter.MARKDOWN_RESOURCE;
            writeResource(resource, catalog.markdown());
        } catch (IOException | RuntimeException e) {
            processingEnv.getMessager().printMessage(Kind.ERROR, "[agentotel] Could not write " + resource + ": " + e
                    + ". The telemetry catalog lists what the build instruments; the instrumentation itself"
                    + " was generated. Run a clean build; if it persists, report it with this message.");
        }
    }

    /** UTF-8 whatever the compiler's encoding, so the file is the same on every machine. */
    private void writeResource(String name, String text) throws IOException {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", name);
        try (OutputStream out = file.openOutputStream()) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
