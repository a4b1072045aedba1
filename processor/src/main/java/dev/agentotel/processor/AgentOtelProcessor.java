package dev.agentotel.processor;

import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.read.TypeReader;
import dev.agentotel.processor.validate.Diagnostic;
import dev.agentotel.processor.validate.Message;
import dev.agentotel.processor.validate.MethodValidator;
import dev.agentotel.processor.validate.Report;
import dev.agentotel.processor.write.CatalogWriter;
import dev.agentotel.processor.write.OpenAiReadersWriter;
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
import java.util.stream.Collectors;
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
 * {@code <Class>_AgentTelemetry}, and once per package whose classes read openai-java types, the
 * {@value OpenAiReadersWriter#SIMPLE_NAME} they share. In the last round it writes the telemetry catalog of every class
 * it generated for, {@value CatalogWriter#JSON_RESOURCE} and {@value CatalogWriter#MARKDOWN_RESOURCE}.
 *
 * <p>Read, validate, write: nothing is generated for a class with an error, so a build either
 * instruments every annotated method or fails with a message on the offending element.
 */
public final class AgentOtelProcessor extends AbstractProcessor {

    /** Where the instrumented methods are listed; the weaver's WeaveVerification reads the same path. */
    static final String JOIN_POINTS = "META-INF/agentotel/join-points.txt";
    private static final String CATALOG_PURPOSE = "The telemetry catalog lists what the build instruments; the"
            + " instrumentation itself was generated.";

    private final Set<String> processed = new HashSet<>();
    private final Set<String> deferred = new LinkedHashSet<>();
    /** {@code binary.Class#method(types)} of every method instrumented in this compilation, for weave verification. */
    private final Set<String> joinPoints = new TreeSet<>();
    /** The packages whose {@value OpenAiReadersWriter#SIMPLE_NAME} this compilation wrote. */
    private final Set<String> readersWritten = new HashSet<>();
    /** The methods of the classes generated for so far. */
    private final CatalogWriter catalog = new CatalogWriter();
    private boolean resourcesWritten;
    private TypeReader reader;
    private MethodValidator validator;
    private TelemetryWriter writer;
    private OpenAiReadersWriter readersWriter;

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        reader = new TypeReader(environment);
        validator = new MethodValidator();
        writer = new TelemetryWriter();
        readersWriter = new OpenAiReadersWriter();
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
                if (method.getKind() != ElementKind.METHOD && method.getKind() != ElementKind.CONSTRUCTOR) {
                    continue; // the annotations' @Target keeps everything else out
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
        if (round.processingOver() && !resourcesWritten && !joinPoints.isEmpty()) {
            resourcesWritten = true;
            writeResource(CatalogWriter.JSON_RESOURCE, catalog.json(), CATALOG_PURPOSE);
            writeResource(CatalogWriter.MARKDOWN_RESOURCE, catalog.markdown(), CATALOG_PURPOSE);
            writeResource(JOIN_POINTS, joinPoints.stream().map(joinPoint -> joinPoint + '\n').collect(Collectors.joining()),
                    "The build's weave verification reads it to check that every annotated method was woven.");
        }
        return false;
    }

    /**
     * Writes a resource of the last round, in UTF-8 whatever the compiler's encoding, so that it is
     * the same on every machine.
     */
    private void writeResource(String name, String text, String purpose) {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", name);
            try (OutputStream out = file.openOutputStream()) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            Message message = Message.RESOURCE_NOT_WRITTEN;
            processingEnv.getMessager().printMessage(message.kind(), message.format(name, e, purpose));
        }
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
        if (TelemetryWriter.usesOpenAiReaders(descriptor) && !writeReaders(descriptor)) {
            return;
        }
        try {
            writer.write(descriptor).writeTo(processingEnv.getFiler());
            String binaryName = processingEnv.getElementUtils().getBinaryName(descriptor.element()).toString();
            descriptor.methods().stream()
                    .filter(method -> !method.spans().isEmpty())
                    .forEach(method -> joinPoints.add(binaryName + '#' + method.key()));
        } catch (IOException | RuntimeException e) {
            reportNotWritten(descriptor, descriptor.generatedSimpleName(), e);
            return;
        }
        catalog.add(descriptor);
    }

    /**
     * Writes the package's {@value OpenAiReadersWriter#SIMPLE_NAME} unless this compilation already
     * has; whether the package has it now. Written with the package's first class that calls it
     * rather than in the last round: javac warns about a source file created in the last round,
     * which {@code -Werror} builds turn into an error.
     */
    private boolean writeReaders(TypeDescriptor descriptor) {
        if (readersWritten.contains(descriptor.packageName())) {
            return true;
        }
        try {
            readersWriter.write(descriptor.packageName(), descriptor.element()).writeTo(processingEnv.getFiler());
        } catch (IOException | RuntimeException e) {
            // Its class would not compile without the readers: nothing is generated for it.
            reportNotWritten(descriptor, OpenAiReadersWriter.SIMPLE_NAME, e);
            return false;
        }
        readersWritten.add(descriptor.packageName());
        return true;
    }

    private void reportNotWritten(TypeDescriptor descriptor, String simpleName, Exception e) {
        String generated = descriptor.packageName().isEmpty() ? simpleName : descriptor.packageName() + '.' + simpleName;
        Message message = Message.GENERATED_CLASS_NOT_WRITTEN;
        processingEnv.getMessager().printMessage(message.kind(),
                message.format(generated, descriptor.element().getQualifiedName(), e), descriptor.element());
    }
}
