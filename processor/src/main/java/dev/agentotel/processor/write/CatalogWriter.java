package dev.agentotel.processor.write;

import dev.agentotel.processor.model.LlmShape;
import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.MethodDescriptor;
import dev.agentotel.processor.model.ParameterDescriptor;
import dev.agentotel.processor.model.SpanAnnotation;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.model.ValueType;
import dev.agentotel.telemetry.GenAiAttributes;
import dev.agentotel.telemetry.TelemetrySurface;
import dev.agentotel.telemetry.TelemetrySurface.Attribute;
import dev.agentotel.telemetry.TelemetrySurface.LlmRequest;
import dev.agentotel.telemetry.TelemetrySurface.LlmResponse;
import dev.agentotel.telemetry.TelemetrySurface.Presence;
import dev.agentotel.telemetry.TelemetrySurface.Requirement;
import dev.agentotel.telemetry.TelemetrySurface.Surface;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Writes the telemetry catalog: for every instrumented method of a compilation, its span's name and
 * kind, the attributes it can carry and when, its events and the metrics it feeds, and where it is
 * declared. As JSON for tools and as Markdown for people; both depend only on the sources (no
 * dates, no absolute paths, a fixed order), so the catalog diffs cleanly in review.
 *
 * <p>What a kind of span can carry comes from the runtime's {@link TelemetrySurface}; this class
 * only decides which of it a given method can produce, from its annotation values, parameter
 * markers and types, the same facts the generated code is written from.
 */
public final class CatalogWriter {

    /** The JSON catalog, a class-output resource. */
    public static final String JSON_RESOURCE = "META-INF/agentotel/telemetry-catalog.json";
    /** The Markdown rendering of the same catalog. */
    public static final String MARKDOWN_RESOURCE = "META-INF/agentotel/telemetry-catalog.md";
    /** Names the JSON's structure; changes when its shape does. */
    static final String FORMAT = "agentotel-telemetry-catalog/1";

    /** One instrumented method, as the catalog lists it. */
    private record Entry(
            String className,
            String method,
            String signature,
            String annotation,
            String source,
            String spanName,
            String spanKind,
            String spanKindWhenNested,
            List<AttributeKey<?>> always,
            List<AttributeKey<?>> whenAvailable,
            List<AttributeKey<?>> contentCapture,
            List<String> events,
            List<String> metrics) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Adds the instrumented methods of {@code type}, whose annotated methods must all be valid. Read
     * at once, in the round that generated the type's class, while its elements are current.
     */
    public void add(TypeDescriptor type) {
        for (MethodDescriptor method : type.methods()) {
            if (!method.spans().isEmpty()) {
                entries.add(entry(type, method));
            }
        }
    }

    /** By class, then in source order; the same whatever order the classes were added in. */
    private List<Entry> sorted() {
        return entries.stream().sorted(Comparator.comparing(Entry::className)).collect(Collectors.toList());
    }

    private static Entry entry(TypeDescriptor type, MethodDescriptor method) {
        SpanAnnotation span = method.span();
        Surface surface;
        String spanName;
        switch (span.kind()) {
            case AGENT_RUN:
                surface = TelemetrySurface.agentRun();
                spanName = GenAiAttributes.OPERATION_INVOKE_AGENT + ' ' + span.string("name");
                break;
            case ITERATION:
                surface = TelemetrySurface.iteration();
                spanName = GenAiAttributes.SPAN_ITERATION;
                break;
            case LLM_CALL:
                LlmShape shape = LlmShape.of(method.returnType()).orElseThrow();
                Optional<ParameterDescriptor> request = TelemetryWriter.requestParameter(method);
                surface = TelemetrySurface.llmCall(
                        request.map(parameter -> llmRequest(parameter.type().valueType())).orElse(LlmRequest.NONE),
                        llmResponse(shape));
                // The request's model wins over the annotation's, as at run time.
                String model = request.isPresent() ? '{' + GenAiAttributes.GEN_AI_REQUEST_MODEL.getKey() + '}'
                        : span.string("model");
                String operation = TelemetryWriter.operation(method, shape);
                spanName = model.isEmpty() ? operation : operation + ' ' + model;
                break;
            case TOOL:
                surface = TelemetrySurface.tool();
                spanName = GenAiAttributes.OPERATION_EXECUTE_TOOL + ' ' + method.toolName();
                break;
            default:
                throw new IllegalStateException(span.kind().name());
        }
        Map<Presence, List<AttributeKey<?>>> attributes = new LinkedHashMap<>();
        for (Presence presence : Presence.values()) {
            attributes.put(presence, new ArrayList<>());
        }
        for (Attribute attribute : surface.attributes()) {
            if (meets(method, attribute.requirement())) {
                attributes.get(attribute.presence()).add(attribute.key());
            }
        }
        return new Entry(
                type.element().getQualifiedName().toString(),
                method.name(),
                signature(method.element()),
                '@' + span.kind().simpleName(),
                method.location().toString(),
                spanName,
                surface.kind().name(),
                surface.kindWhenNested().name(),
                List.copyOf(attributes.get(Presence.ALWAYS)),
                List.copyOf(attributes.get(Presence.WHEN_AVAILABLE)),
                List.copyOf(attributes.get(Presence.CONTENT_CAPTURE)),
                surface.events(),
                surface.metrics());
    }

    /** Whether {@code method} has what {@code requirement} asks for; mirrors what {@link TelemetryWriter} generates. */
    private static boolean meets(MethodDescriptor method, Requirement requirement) {
        SpanAnnotation span = method.span();
        ValueType returns = method.returnType().valueType();
        switch (requirement) {
            case NONE:
                return true;
            case AGENT_ID:
                return !span.string("id").isEmpty();
            case AGENT_DESCRIPTION:
            case TOOL_DESCRIPTION:
                return !span.string("description").isEmpty();
            case AGENT_PROVIDER:
                return !span.string("provider").isEmpty();
            case SESSION_ID:
                return unredacted(method, Marker.SESSION_ID);
            case USER_QUERY:
                return method.parameterWith(Marker.USER_QUERY).isPresent();
            case UNREDACTED_USER_QUERY:
                return unredacted(method, Marker.USER_QUERY);
            case TEXT_RESULT:
                return returns == ValueType.CHAR_SEQUENCE;
            case COMPLETION_RESULT:
                return returns == ValueType.BOOLEAN || returns == ValueType.OPTIONAL;
            case TOOL_CALL_ID:
                return unredacted(method, Marker.TOOL_CALL_ID);
            case COUNTED_RESULT:
                return returns == ValueType.COLLECTION || returns == ValueType.MAP || returns == ValueType.ARRAY;
            case CAPTURED_ARGUMENTS:
                return method.parameters().stream()
                        .anyMatch(parameter -> !parameter.has(Marker.REDACT) && !parameter.has(Marker.TOOL_CALL_ID));
            case RESULT:
                return returns != ValueType.VOID;
            case MODEL:
                return !span.string("model").isEmpty();
            case UNREDACTED_REQUEST:
                return TelemetryWriter.requestParameter(method).filter(parameter -> !parameter.has(Marker.REDACT)).isPresent();
            default:
                throw new IllegalArgumentException(requirement.name());
        }
    }

    private static boolean unredacted(MethodDescriptor method, Marker marker) {
        return method.parameterWith(marker).filter(parameter -> !parameter.has(Marker.REDACT)).isPresent();
    }

    private static LlmRequest llmRequest(ValueType request) {
        switch (request) {
            case CHAT_COMPLETION_CREATE_PARAMS:
                return LlmRequest.CHAT_COMPLETIONS;
            case EMBEDDING_CREATE_PARAMS:
                return LlmRequest.EMBEDDINGS;
            case RESPONSE_CREATE_PARAMS:
                return LlmRequest.RESPONSES;
            default:
                throw new IllegalArgumentException(request.name());
        }
    }

    private static LlmResponse llmResponse(LlmShape shape) {
        if (shape.completion() == LlmShape.Completion.STREAM) {
            return LlmResponse.CHAT_COMPLETION_STREAM;
        }
        switch (shape.value()) {
            case CHAT_COMPLETION:
                return LlmResponse.CHAT_COMPLETION;
            case CREATE_EMBEDDING_RESPONSE:
                return LlmResponse.EMBEDDINGS;
            case RESPONSE:
                return LlmResponse.RESPONSES;
            case GEN_AI_RESPONSE:
                return LlmResponse.GEN_AI_RESPONSE;
            default:
                throw new IllegalArgumentException(shape.value().name());
        }
    }

    // --- JSON ---

    /** The catalog as pretty-printed JSON, keys in a fixed order. */
    public String json() {
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("format", FORMAT);
        catalog.put("schemaUrl", GenAiAttributes.SCHEMA_URL);
        List<Object> methods = new ArrayList<>();
        for (Entry entry : sorted()) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("class", entry.className());
            method.put("method", entry.method());
            method.put("signature", entry.signature());
            method.put("annotation", entry.annotation());
            method.put("source", entry.source());
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("name", entry.spanName());
            span.put("kind", entry.spanKind());
            span.put("kindWhenNested", entry.spanKindWhenNested());
            method.put("span", span);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("always", types(entry.always()));
            attributes.put("whenAvailable", types(entry.whenAvailable()));
            attributes.put("contentCapture", types(entry.contentCapture()));
            method.put("attributes", attributes);
            method.put("events", entry.events());
            method.put("metrics", entry.metrics());
            methods.add(method);
        }
        catalog.put("methods", methods);
        StringBuilder json = new StringBuilder();
        JsonText.write(json, catalog, "");
        return json.append('\n').toString();
    }

    /** Attribute name to type, as the OpenTelemetry specification names types. */
    private static Map<String, Object> types(List<AttributeKey<?>> keys) {
        Map<String, Object> types = new LinkedHashMap<>();
        for (AttributeKey<?> key : keys) {
            types.put(key.getKey(), typeName(key));
        }
        return types;
    }

    private static String typeName(AttributeKey<?> key) {
        switch (key.getType()) {
            case STRING:
                return "string";
            case BOOLEAN:
                return "boolean";
            case LONG:
                return "int";
            case DOUBLE:
                return "double";
            case STRING_ARRAY:
                return "string[]";
            case BOOLEAN_ARRAY:
                return "boolean[]";
            case LONG_ARRAY:
                return "int[]";
            case DOUBLE_ARRAY:
                return "double[]";
            default:
                return key.getType().name().toLowerCase(Locale.ROOT);
        }
    }

    // --- Markdown ---

    /**
     * The catalog as Markdown: a section per class, a subsection per method. Headings start at
     * level three so the file can be pasted under a document's own section.
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Telemetry catalog written by the agentotel annotation processor; do not edit. -->\n");
        List<Entry> sorted = sorted();
        if (sorted.isEmpty()) {
            md.append("\nNo instrumented methods.\n");
        }
        String currentClass = null;
        for (Entry entry : sorted) {
            if (!entry.className().equals(currentClass)) {
                currentClass = entry.className();
                md.append("\n### ").append(code(currentClass)).append('\n');
            }
            md.append("\n#### ").append(code(entry.annotation())).append(' ').append(code(entry.signature())).append("\n\n");
            md.append("- Source: ").append(code(entry.source())).append('\n');
            md.append("- Span: ").append(code(entry.spanName())).append(", ").append(entry.spanKind());
            if (!entry.spanKindWhenNested().equals(entry.spanKind())) {
                md.append(" (").append(entry.spanKindWhenNested()).append(" when nested)");
            }
            md.append('\n');
            item(md, "Attributes", names(entry.always()));
            item(md, "When available", names(entry.whenAvailable()));
            item(md, "Content capture only", names(entry.contentCapture()));
            item(md, "Events", entry.events());
            item(md, "Metrics", entry.metrics());
        }
        return md.toString();
    }

    private static List<String> names(List<AttributeKey<?>> keys) {
        return keys.stream().map(AttributeKey::getKey).collect(Collectors.toList());
    }

    private static void item(StringBuilder md, String label, List<String> names) {
        if (!names.isEmpty()) {
            md.append("- ").append(label).append(": ")
                    .append(names.stream().map(CatalogWriter::code).collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }

    /**
     * {@code text} as a Markdown code span: fenced with more backticks than it contains in a row,
     * line breaks, other control characters and unpaired surrogates shown escaped as in JSON, so
     * that any name stays on its line.
     */
    static String code(String text) {
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        StringBuilder shown = new StringBuilder();
        JsonText.appendEscaped(shown, text, false);
        String fence = "`".repeat(longestRun + 1);
        // A space keeps a backtick at either end from joining the fence; Markdown strips one each side.
        boolean pad = shown.length() > 0 && (shown.charAt(0) == '`' || shown.charAt(shown.length() - 1) == '`');
        String padding = pad ? " " : "";
        return fence + padding + shown + padding + fence;
    }

    // --- signatures ---

    /** {@code <T extends CharSequence> Optional<String> step(List<T> notes, int... more)}: simple names, as written. */
    private static String signature(ExecutableElement method) {
        StringBuilder signature = new StringBuilder();
        if (!method.getTypeParameters().isEmpty()) {
            StringJoiner variables = new StringJoiner(", ", "<", "> ");
            for (TypeParameterElement variable : method.getTypeParameters()) {
                String bounds = variable.getBounds().stream()
                        .filter(bound -> !bound.toString().equals("java.lang.Object"))
                        .map(CatalogWriter::simpleType)
                        .collect(Collectors.joining(" & "));
                variables.add(bounds.isEmpty() ? variable.getSimpleName() : variable.getSimpleName() + " extends " + bounds);
            }
            signature.append(variables);
        }
        signature.append(simpleType(method.getReturnType())).append(' ').append(method.getSimpleName());
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        List<? extends VariableElement> declared = method.getParameters();
        for (int i = 0; i < declared.size(); i++) {
            String type = simpleType(declared.get(i).asType());
            if (method.isVarArgs() && i == declared.size() - 1 && type.endsWith("[]")) {
                type = type.substring(0, type.length() - 2) + "...";
            }
            parameters.add(type + ' ' + declared.get(i).getSimpleName());
        }
        return signature.append(parameters).toString();
    }

    private static String simpleType(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return simpleType(((ArrayType) type).getComponentType()) + "[]";
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                StringBuilder name = new StringBuilder(nestedName((TypeElement) declared.asElement()));
                if (!declared.getTypeArguments().isEmpty()) {
                    name.append(declared.getTypeArguments().stream()
                            .map(CatalogWriter::simpleType)
                            .collect(Collectors.joining(", ", "<", ">")));
                }
                return name.toString();
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    return "? extends " + simpleType(wildcard.getExtendsBound());
                }
                return wildcard.getSuperBound() != null ? "? super " + simpleType(wildcard.getSuperBound()) : "?";
            case TYPEVAR:
                return ((TypeVariable) type).asElement().getSimpleName().toString();
            default:
                return type.toString();
        }
    }

    /** {@code Outer.Inner}: a nested type as it is written outside its enclosing type. */
    private static String nestedName(TypeElement type) {
        Element enclosing = type.getEnclosingElement();
        return enclosing instanceof TypeElement
                ? nestedName((TypeElement) enclosing) + '.' + type.getSimpleName()
                : type.getSimpleName().toString();
    }
}
