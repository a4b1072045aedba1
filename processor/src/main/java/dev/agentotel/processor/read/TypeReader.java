package dev.agentotel.processor.read;

import dev.agentotel.generated.GeneratedTelemetry;
import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.MethodDescriptor;
import dev.agentotel.processor.model.ParameterDescriptor;
import dev.agentotel.processor.model.SpanAnnotation;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.model.TypeInfo;
import dev.agentotel.processor.model.ValueType;
import dev.agentotel.telemetry.GenAiResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a class's annotated methods into {@link TypeDescriptor}s. Reports nothing. */
public final class TypeReader {

    /** Suffix of generated classes, where the runtime looks for them. */
    public static final String GENERATED_SUFFIX = GeneratedTelemetry.CLASS_SUFFIX;

    static final String CHAT_COMPLETION = "com.openai.models.chat.completions.ChatCompletion";
    static final String CHAT_COMPLETION_CREATE_PARAMS =
            "com.openai.models.chat.completions.ChatCompletionCreateParams";
    static final String STREAM_RESPONSE = "com.openai.core.http.StreamResponse";
    static final String CHAT_COMPLETION_CHUNK = "com.openai.models.chat.completions.ChatCompletionChunk";
    static final String CREATE_EMBEDDING_RESPONSE = "com.openai.models.embeddings.CreateEmbeddingResponse";
    static final String EMBEDDING_CREATE_PARAMS = "com.openai.models.embeddings.EmbeddingCreateParams";
    static final String RESPONSE = "com.openai.models.responses.Response";
    static final String RESPONSE_CREATE_PARAMS = "com.openai.models.responses.ResponseCreateParams";
    static final String GEN_AI_RESPONSE = GenAiResponse.class.getName();

    private final Elements elements;
    private final Types types;
    private final SourceLocator locator;
    /** Type variables whose bound is being read, against bounds that name their own variable. */
    private final Set<Element> resolving = new HashSet<>();

    public TypeReader(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
        this.locator = new SourceLocator(environment);
    }

    /**
     * Reads every method of {@code type} that has a span annotation or a parameter marker, and every
     * constructor with a parameter marker.
     */
    public TypeDescriptor read(TypeElement type) {
        List<MethodDescriptor> methods = new ArrayList<>();
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() != ElementKind.METHOD && member.getKind() != ElementKind.CONSTRUCTOR) {
                continue;
            }
            MethodDescriptor descriptor = readMethod((ExecutableElement) member, type);
            if (!descriptor.spans().isEmpty()
                    || descriptor.parameters().stream().anyMatch(parameter -> !parameter.markers().isEmpty())) {
                methods.add(descriptor);
            }
        }
        PackageElement pkg = elements.getPackageOf(type);
        String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
        String binaryName = elements.getBinaryName(type).toString();
        String simpleBinaryName = packageName.isEmpty() ? binaryName : binaryName.substring(packageName.length() + 1);
        return new TypeDescriptor(type, packageName, simpleBinaryName.replace('$', '_') + GENERATED_SUFFIX, methods,
                hasAgentRun(type));
    }

    private boolean hasAgentRun(TypeElement type) {
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
                if (SpanKind.forAnnotation(annotationName(mirror)) == SpanKind.AGENT_RUN) {
                    return true;
                }
            }
        }
        return false;
    }

    private MethodDescriptor readMethod(ExecutableElement method, TypeElement type) {
        List<SpanAnnotation> spans = new ArrayList<>();
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
            SpanKind kind = SpanKind.forAnnotation(annotationName(mirror));
            if (kind != null) {
                spans.add(readAnnotation(kind, mirror));
            }
        }
        List<ParameterDescriptor> parameters = new ArrayList<>();
        StringJoiner key = new StringJoiner(",", method.getSimpleName() + "(", ")");
        List<TypeMirror> erasedTypes = new ArrayList<>();
        List<? extends VariableElement> params = method.getParameters();
        for (int i = 0; i < params.size(); i++) {
            VariableElement parameter = params.get(i);
            Map<Marker, AnnotationMirror> markers = new LinkedHashMap<>();
            for (AnnotationMirror mirror : parameter.getAnnotationMirrors()) {
                Marker marker = Marker.forAnnotation(annotationName(mirror));
                if (marker != null) {
                    markers.put(marker, mirror);
                }
            }
            TypeMirror erased = types.erasure(parameter.asType());
            key.add(runtimeName(erased));
            erasedTypes.add(erased);
            parameters.add(new ParameterDescriptor(parameter, i, typeInfo(parameter.asType()), Map.copyOf(markers)));
        }
        return new MethodDescriptor(
                method,
                key.toString(),
                List.copyOf(erasedTypes),
                List.copyOf(spans),
                List.copyOf(parameters),
                typeInfo(method.getReturnType()),
                type.getKind().isInterface(),
                locator.locate(method, type));
    }

    private SpanAnnotation readAnnotation(SpanKind kind, AnnotationMirror mirror) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(entry.getKey().getSimpleName().toString(), entry.getValue().getValue());
        }
        Map<String, AnnotationValue> explicit = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            explicit.put(entry.getKey().getSimpleName().toString(), entry.getValue());
        }
        return new SpanAnnotation(kind, mirror, Map.copyOf(values), Map.copyOf(explicit));
    }

    private static String annotationName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    /** {@link Class#getTypeName()}'s spelling of an erased type: {@code int}, {@code a.Outer$Inner[]}. */
    private String runtimeName(TypeMirror erased) {
        switch (erased.getKind()) {
            case ARRAY:
                return runtimeName(((ArrayType) erased).getComponentType()) + "[]";
            case DECLARED:
                return elements.getBinaryName((TypeElement) ((DeclaredType) erased).asElement()).toString();
            default:
                return erased.toString();
        }
    }

    private TypeInfo typeInfo(TypeMirror type) {
        String display = type.toString();
        TypeKind kind = type.getKind();
        if (kind == TypeKind.ERROR) {
            return new TypeInfo(display, ValueType.UNRESOLVED, null);
        }
        if (kind == TypeKind.TYPEVAR) {
            // <S extends CharSequence> reads like its bound, <F extends CompletableFuture<ChatCompletion>>
            // too, type argument included; messages keep the source's spelling. A bound naming the
            // variable itself (<F extends CompletableFuture<F>>) is read erased the second time.
            Element variable = types.asElement(type);
            TypeMirror bound = ((TypeVariable) type).getUpperBound();
            TypeInfo read;
            if (bound.getKind() == TypeKind.DECLARED && resolving.add(variable)) {
                try {
                    read = typeInfo(bound);
                } finally {
                    resolving.remove(variable);
                }
            } else {
                read = typeInfo(types.erasure(type));
            }
            return read.valueType() == ValueType.OTHER
                    ? new TypeInfo(display, ValueType.GENERIC)
                    : new TypeInfo(display, read.valueType(), read.arrayType(), read.typeArgument());
        }
        if (kind == TypeKind.WILDCARD) {
            // CompletableFuture<? extends ChatCompletion> holds what its bound says.
            TypeMirror bound = ((WildcardType) type).getExtendsBound();
            TypeInfo read = bound == null ? null : typeInfo(bound);
            return read == null || read.valueType() == ValueType.OTHER ? new TypeInfo(display, ValueType.GENERIC) : read;
        }
        if (kind == TypeKind.VOID) {
            return new TypeInfo(display, ValueType.VOID, null);
        }
        if (kind == TypeKind.BOOLEAN) {
            return new TypeInfo(display, ValueType.BOOLEAN, null);
        }
        if (kind == TypeKind.INT || kind == TypeKind.LONG) {
            return new TypeInfo(display, ValueType.INTEGRAL, null);
        }
        if (kind == TypeKind.ARRAY) {
            TypeMirror erased = types.erasure(type);
            return new TypeInfo(display, ValueType.ARRAY, erased.toString());
        }
        if (kind != TypeKind.DECLARED) {
            return new TypeInfo(display, ValueType.OTHER, null);
        }
        String name = ((TypeElement) types.asElement(type)).getQualifiedName().toString();
        switch (name) {
            case "java.lang.Boolean":
                return new TypeInfo(display, ValueType.BOOLEAN, null);
            case "java.lang.Integer":
            case "java.lang.Long":
                return new TypeInfo(display, ValueType.INTEGRAL, null);
            case "java.util.UUID":
                return new TypeInfo(display, ValueType.UUID, null);
            case "java.util.Optional":
                return new TypeInfo(display, ValueType.OPTIONAL, null);
            case CHAT_COMPLETION:
                return new TypeInfo(display, ValueType.CHAT_COMPLETION, null);
            case CHAT_COMPLETION_CREATE_PARAMS:
                return new TypeInfo(display, ValueType.CHAT_COMPLETION_CREATE_PARAMS, null);
            case CHAT_COMPLETION_CHUNK:
                return new TypeInfo(display, ValueType.CHAT_COMPLETION_CHUNK);
            case CREATE_EMBEDDING_RESPONSE:
                return new TypeInfo(display, ValueType.CREATE_EMBEDDING_RESPONSE);
            case EMBEDDING_CREATE_PARAMS:
                return new TypeInfo(display, ValueType.EMBEDDING_CREATE_PARAMS);
            case RESPONSE:
                return new TypeInfo(display, ValueType.RESPONSE);
            case RESPONSE_CREATE_PARAMS:
                return new TypeInfo(display, ValueType.RESPONSE_CREATE_PARAMS);
            case STREAM_RESPONSE:
                return new TypeInfo(display, ValueType.STREAM_RESPONSE, null, firstTypeArgument(type));
            default:
                break;
        }
        if (isSubtype(type, GEN_AI_RESPONSE)) {
            return new TypeInfo(display, ValueType.GEN_AI_RESPONSE);
        }
        if (isSubtype(type, "java.lang.CharSequence")) {
            return new TypeInfo(display, ValueType.CHAR_SEQUENCE, null);
        }
        if (isSubtype(type, "java.util.Collection")) {
            return new TypeInfo(display, ValueType.COLLECTION, null);
        }
        if (isSubtype(type, "java.util.Map")) {
            return new TypeInfo(display, ValueType.MAP, null);
        }
        if (isSubtype(type, "java.util.concurrent.CompletionStage")) {
            return new TypeInfo(display, ValueType.FUTURE, null, typeArgumentOf(type, "java.util.concurrent.CompletionStage"));
        }
        if (isSubtype(type, "java.util.concurrent.Future")) {
            return new TypeInfo(display, ValueType.BLOCKING_FUTURE);
        }
        return new TypeInfo(display, ValueType.OTHER, null);
    }

    private boolean isSubtype(TypeMirror type, String supertypeName) {
        Element supertype = elements.getTypeElement(supertypeName);
        return supertype != null && types.isSubtype(types.erasure(type), types.erasure(supertype.asType()));
    }

    /** The first type argument of a declared type, {@code null} when raw. */
    private TypeInfo firstTypeArgument(TypeMirror type) {
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        return arguments.isEmpty() ? null : typeInfo(arguments.get(0));
    }

    /**
     * The type argument that {@code type} gives to the generic supertype {@code supertypeName}
     * ({@code MyFuture extends CompletableFuture<ChatCompletion>} gives {@code ChatCompletion}),
     * {@code null} when raw or not found.
     */
    private TypeInfo typeArgumentOf(TypeMirror type, String supertypeName) {
        TypeMirror current = type;
        while (current != null && current.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) types.asElement(current);
            if (element.getQualifiedName().contentEquals(supertypeName)) {
                return firstTypeArgument(current);
            }
            TypeMirror next = null;
            for (TypeMirror supertype : types.directSupertypes(current)) {
                if (isSubtype(supertype, supertypeName)) {
                    next = supertype;
                    break;
                }
            }
            current = next;
        }
        return null;
    }
}
