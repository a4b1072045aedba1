package dev.agentotel.processor.write;

import static dev.agentotel.processor.write.OpenAiTypes.CHAT_COMPLETION;
import static dev.agentotel.processor.write.OpenAiTypes.CHAT_COMPLETION_CHUNK;
import static dev.agentotel.processor.write.OpenAiTypes.CHAT_COMPLETION_CREATE_PARAMS;
import static dev.agentotel.processor.write.OpenAiTypes.CREATE_EMBEDDING_RESPONSE;
import static dev.agentotel.processor.write.OpenAiTypes.EMBEDDING_CREATE_PARAMS;
import static dev.agentotel.processor.write.OpenAiTypes.RESPONSE;
import static dev.agentotel.processor.write.OpenAiTypes.RESPONSE_CREATE_PARAMS;
import static dev.agentotel.processor.write.OpenAiTypes.STREAM_RESPONSE;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.agentotel.generated.AgentRunTelemetry;
import dev.agentotel.generated.GeneratedTelemetry;
import dev.agentotel.generated.IterationTelemetry;
import dev.agentotel.generated.LlmCallTelemetry;
import dev.agentotel.generated.LlmContent;
import dev.agentotel.generated.LlmRequest;
import dev.agentotel.generated.LlmResponse;
import dev.agentotel.generated.LlmStream;
import dev.agentotel.generated.MethodTelemetry;
import dev.agentotel.generated.ToolTelemetry;
import dev.agentotel.processor.model.LlmShape;
import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.MethodDescriptor;
import dev.agentotel.processor.model.ParameterDescriptor;
import dev.agentotel.processor.model.SpanAnnotation;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.model.TypeInfo;
import dev.agentotel.processor.model.ValueType;
import dev.agentotel.processor.validate.MethodValidator;
import dev.agentotel.processor.write.OpenAiReadersWriter.Reader;
import dev.agentotel.telemetry.GenAiAttributes;
import dev.agentotel.telemetry.GenAiResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * Writes one {@code <Class>_AgentTelemetry} per annotated class: a descriptor per method holding
 * the annotation's values, plus typed code that reads its arguments and result. openai-java
 * requests and responses are read by calls to the package's shared
 * {@value OpenAiReadersWriter#SIMPLE_NAME}. The output depends only on the source, so builds are
 * reproducible.
 */
public final class TelemetryWriter {

    /** The value of {@code @Generated} on every generated class. */
    public static final String GENERATOR = "dev.agentotel.processor.AgentOtelProcessor";

    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName GENERATED_TELEMETRY = ClassName.get(GeneratedTelemetry.class);
    private static final ClassName METHOD_TELEMETRY = ClassName.get(MethodTelemetry.class);
    private static final ClassName AGENT_RUN_TELEMETRY = ClassName.get(AgentRunTelemetry.class);
    private static final ClassName ITERATION_TELEMETRY = ClassName.get(IterationTelemetry.class);
    private static final ClassName LLM_CALL_TELEMETRY = ClassName.get(LlmCallTelemetry.class);
    private static final ClassName TOOL_TELEMETRY = ClassName.get(ToolTelemetry.class);
    private static final ClassName LLM_REQUEST = ClassName.get(LlmRequest.class);
    private static final ClassName LLM_RESPONSE = ClassName.get(LlmResponse.class);
    private static final ClassName LLM_STREAM = ClassName.get(LlmStream.class);
    private static final ClassName LLM_CONTENT = ClassName.get(LlmContent.class);
    private static final ClassName COMPLETION = ClassName.get(LlmCallTelemetry.Completion.class);
    private static final ClassName GEN_AI_RESPONSE = ClassName.get(GenAiResponse.class);


    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    private static final ClassName COLLECTION = ClassName.get("java.util", "Collection");
    private static final ClassName MAP = ClassName.get("java.util", "Map");
    private static final TypeName STRING = ClassName.get(String.class);
    private static final TypeName OBJECT_ARRAY = TypeName.get(Object[].class);

    private static final Pattern PRIMITIVE_ARRAY = Pattern.compile("(boolean|byte|char|short|int|long|float|double)\\[]");

    /** Writes the class for {@code type}, whose methods must all be valid. */
    public JavaFile write(TypeDescriptor type) {
        ClassName annotated = ClassName.get(type.element());
        TypeSpec.Builder builder = TypeSpec.classBuilder(type.generatedSimpleName())
                .addJavadoc("Telemetry of the agentotel-annotated methods of {@link $T}: what each span records\n"
                        + "and how it is read from the method's arguments and result.\n"
                        + "\n<p>Written by the agentotel annotation processor from the annotations; do not edit.\n",
                        annotated)
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(GENERATED_TELEMETRY)
                .addOriginatingElement(type.element());

        MethodSpec.Builder find = MethodSpec.methodBuilder("find")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(METHOD_TELEMETRY)
                .addParameter(STRING, "methodKey")
                .beginControlFlow("switch (methodKey)");

        Set<String> fieldNames = new HashSet<>();
        ClassName readers = OpenAiReadersWriter.className(type.packageName());
        for (MethodDescriptor method : type.methods()) {
            if (method.spans().isEmpty()) {
                continue;
            }
            String field = uniqueFieldName(method.name(), fieldNames);
            builder.addField(descriptorField(annotated, method, field, readers));
            find.addCode("case $S:\n", method.key()).addStatement("$>return $N$<", field);
        }
        find.addCode("default:\n").addStatement("$>return null$<").endControlFlow();

        builder.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Called once by the agentotel runtime, the first time a method of {@link $T} runs.\n", annotated)
                .addModifiers(Modifier.PUBLIC)
                .build());
        builder.addMethod(find.build());
        return JavaFile.builder(type.packageName(), builder.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private FieldSpec descriptorField(ClassName annotated, MethodDescriptor method, String field, ClassName readers) {
        SpanAnnotation span = method.span();
        TypeName fieldType;
        CodeBlock initializer;
        switch (span.kind()) {
            case AGENT_RUN:
                fieldType = AGENT_RUN_TELEMETRY;
                initializer = anonymous(AGENT_RUN_TELEMETRY, agentRun(method),
                        "$L, $L, $L, $L, $L", literal(span.string("name")), literal(span.string("id")),
                        literal(span.string("description")), span.integer("maxIterations"), literal(span.string("provider")));
                break;
            case ITERATION:
                fieldType = ITERATION_TELEMETRY;
                initializer = anonymous(ITERATION_TELEMETRY, iteration(method), "");
                break;
            case LLM_CALL:
                LlmShape shape = LlmShape.of(method.returnType()).orElseThrow();
                fieldType = ParameterizedTypeName.get(LLM_CALL_TELEMETRY, responseClass(shape.value()));
                String operation = operation(method, shape);
                initializer = shape.completion() == LlmShape.Completion.RETURN
                        ? anonymous(fieldType, llmCall(method, shape, readers), "$L, $L, $L",
                                literal(operation), literal(span.string("provider")), literal(span.string("model")))
                        : anonymous(fieldType, llmCall(method, shape, readers), "$L, $L, $L, $T.$L",
                                literal(operation), literal(span.string("provider")), literal(span.string("model")),
                                COMPLETION, shape.completion().name());
                break;
            case TOOL:
                fieldType = TOOL_TELEMETRY;
                initializer = anonymous(TOOL_TELEMETRY, tool(method), "$L, $L",
                        literal(method.toolName()), literal(span.string("description")));
                break;
            default:
                throw new IllegalStateException(span.kind().name());
        }
        return FieldSpec.builder(fieldType, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("{@code @$L} on {@link $T#$L($L)}.\n",
                        span.kind().simpleName(), annotated, method.name(), linkParameters(method))
                .initializer(initializer)
                .build();
    }

    /**
     * The parameter types of a Javadoc link, as simple names where the file's imports allow: the
     * erased types, which is how Javadoc tells overloads apart.
     */
    private static CodeBlock linkParameters(MethodDescriptor method) {
        List<CodeBlock> types = new ArrayList<>();
        for (TypeMirror type : method.erasedParameterTypes()) {
            types.add(CodeBlock.of("$T", TypeName.get(type)));
        }
        return CodeBlock.join(types, ", ");
    }

    /** {@code gen_ai.operation.name}: an embeddings call is an embeddings operation unless the annotation says otherwise. */
    static String operation(MethodDescriptor method, LlmShape shape) {
        SpanAnnotation span = method.span();
        return shape.value() == ValueType.CREATE_EMBEDDING_RESPONSE && span.explicit("operation") == null
                ? GenAiAttributes.OPERATION_EMBEDDINGS : span.string("operation");
    }

    /** The parameter an {@code @LlmCall} method's request attributes are read from. */
    static Optional<ParameterDescriptor> requestParameter(MethodDescriptor method) {
        return method.parameters().stream()
                .filter(parameter -> MethodValidator.LLM_REQUESTS.contains(parameter.type().valueType()))
                .findFirst();
    }

    /**
     * Whether the class written for {@code type} calls the package's {@value OpenAiReadersWriter#SIMPLE_NAME}:
     * an {@code @LlmCall} method does when it has an openai-java request parameter, or returns an
     * openai-java response (whose errors it names); only a method returning a user's
     * {@code GenAiResponse}, without a request parameter, does not.
     */
    public static boolean usesOpenAiReaders(TypeDescriptor type) {
        return type.methods().stream()
                .filter(method -> !method.spans().isEmpty() && method.span().kind() == SpanKind.LLM_CALL)
                .anyMatch(method -> requestParameter(method).isPresent()
                        || LlmShape.of(method.returnType()).orElseThrow().value() != ValueType.GEN_AI_RESPONSE);
    }

    /**
     * An annotation value as a string literal. JavaPoet writes U+2028 and U+2029 as they are and
     * then breaks the line there, inside the literal, and the Filer cannot encode an unpaired
     * surrogate: values with those are written with every such character escaped (a JSON string
     * is a valid Java string literal).
     */
    private static CodeBlock literal(String value) {
        // Code points pair surrogates, so only unpaired ones are left in the surrogate range.
        boolean plain = value.codePoints().noneMatch(c -> c == '\u2028' || c == '\u2029'
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
        if (plain) {
            return CodeBlock.of("$S", value);
        }
        StringBuilder literal = new StringBuilder();
        JsonText.quote(literal, value);
        return CodeBlock.of("$L", literal);
    }

    /** {@code new Type(arguments) { methods }}. */
    private static CodeBlock anonymous(TypeName type, List<MethodSpec> methods, String format, Object... arguments) {
        TypeSpec.Builder body = TypeSpec.anonymousClassBuilder(format, arguments).superclass(type);
        methods.forEach(body::addMethod);
        return CodeBlock.of("$L", body.build());
    }

    private static List<MethodSpec> agentRun(MethodDescriptor method) {
        List<MethodSpec> methods = new ArrayList<>();
        // A @Redact session id is never recorded, nor put into baggage.
        method.parameterWith(Marker.SESSION_ID).filter(parameter -> !parameter.has(Marker.REDACT))
                .ifPresent(parameter -> methods.add(textOf("sessionId", parameter)));
        method.parameterWith(Marker.USER_QUERY).ifPresent(parameter -> {
            methods.add(override("userQuery", TypeName.get(CharSequence.class), OBJECT_ARRAY, "args")
                    .addStatement("return ($T) args[$L]", CharSequence.class, parameter.index())
                    .build());
            if (parameter.has(Marker.REDACT)) {
                methods.add(MethodSpec.methodBuilder("userQueryRedacted")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(boolean.class)
                        .addStatement("return true")
                        .build());
            }
        });
        if (method.returnType().valueType() == ValueType.CHAR_SEQUENCE) {
            methods.add(override("finalAnswerLength", TypeName.get(int.class), ClassName.OBJECT, "result")
                    .addStatement("return result == null ? -1 : (($T) result).length()", CharSequence.class)
                    .build());
        }
        return methods;
    }

    private static List<MethodSpec> iteration(MethodDescriptor method) {
        MethodSpec.Builder completed = override("completed", TypeName.get(Boolean.class), ClassName.OBJECT, "result");
        switch (method.returnType().valueType()) {
            case BOOLEAN:
                completed.addStatement("return ($T) result", Boolean.class);
                break;
            case OPTIONAL:
                completed.addStatement("return result == null ? null : (($T<?>) result).isPresent()", OPTIONAL);
                break;
            default:
                return List.of();
        }
        return List.of(completed.build());
    }

    /** The descriptor's methods, calling the package's shared openai-java {@code readers}. */
    private static List<MethodSpec> llmCall(MethodDescriptor method, LlmShape shape, ClassName readers) {
        List<MethodSpec> methods = new ArrayList<>();
        requestParameter(method).ifPresent(parameter -> {
            ValueType requestType = parameter.type().valueType();
            methods.add(override("request", TypeName.get(void.class), OBJECT_ARRAY, "args")
                    .addParameter(LLM_REQUEST, "request")
                    .addStatement("$T.$N(($T) args[$L], request)", readers, requestReader(requestType).methodName,
                            requestClass(requestType), parameter.index())
                    .build());
            // A @Redact request is read for its attributes, never for its messages.
            Reader capture = parameter.has(Marker.REDACT) ? null : requestCapture(requestType);
            if (capture != null) {
                methods.add(override("requestContent", TypeName.get(void.class), OBJECT_ARRAY, "args")
                        .addParameter(LLM_CONTENT, "content")
                        .addStatement("$T.$N(($T) args[$L], content)", readers, capture.methodName,
                                requestClass(requestType), parameter.index())
                        .build());
            }
        });
        Reader responseCapture = responseCapture(shape);
        if (responseCapture != null) {
            methods.add(override("responseContent", TypeName.get(void.class), responseClass(shape.value()), "result")
                    .addParameter(LLM_CONTENT, "content")
                    .addStatement("$T.$N(result, content)", readers, responseCapture.methodName)
                    .build());
        }
        Reader reader = responseReader(shape.value());
        if (shape.completion() == LlmShape.Completion.STREAM) {
            methods.add(override("observeStream", ClassName.OBJECT, ClassName.OBJECT, "returned")
                    .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
                    .addParameter(LLM_STREAM, "stream")
                    .addStatement("return $T.$N(($T) returned, stream)", readers, Reader.OBSERVE_CHAT_STREAM.methodName,
                            ParameterizedTypeName.get(STREAM_RESPONSE, CHAT_COMPLETION_CHUNK))
                    .build());
        } else if (reader != null) {
            methods.add(override("response", TypeName.get(void.class), responseClass(shape.value()), "result")
                    .addParameter(LLM_RESPONSE, "response")
                    .addStatement("$T.$N(result, response)", readers, reader.methodName)
                    .build());
        }
        if (shape.value() != ValueType.GEN_AI_RESPONSE) {
            methods.add(override("errorType", TypeName.get(String.class), TypeName.get(Throwable.class), "error")
                    .addStatement("return $T.$N(error)", readers, Reader.OPENAI_ERROR_TYPE.methodName)
                    .build());
        }
        return methods;
    }

    private static boolean capturedToolArgument(ParameterDescriptor parameter) {
        return !parameter.has(Marker.REDACT) && !parameter.has(Marker.TOOL_CALL_ID);
    }

    /** The generated capture of a request's messages; {@code null} for embeddings, whose input is not a message. */
    private static Reader requestCapture(ValueType request) {
        switch (request) {
            case CHAT_COMPLETION_CREATE_PARAMS:
                return Reader.CAPTURE_CHAT_REQUEST;
            case RESPONSE_CREATE_PARAMS:
                return Reader.CAPTURE_RESPONSE_REQUEST;
            default:
                return null;
        }
    }

    /** The generated capture of a response's messages; streams are captured from their chunks. */
    private static Reader responseCapture(LlmShape shape) {
        if (shape.completion() == LlmShape.Completion.STREAM) {
            return null;
        }
        switch (shape.value()) {
            case CHAT_COMPLETION:
                return Reader.CAPTURE_CHAT_COMPLETION;
            case RESPONSE:
                return Reader.CAPTURE_RESPONSE;
            default:
                return null;
        }
    }

    private static Reader requestReader(ValueType request) {
        switch (request) {
            case CHAT_COMPLETION_CREATE_PARAMS:
                return Reader.READ_CHAT_REQUEST;
            case EMBEDDING_CREATE_PARAMS:
                return Reader.READ_EMBEDDING_REQUEST;
            case RESPONSE_CREATE_PARAMS:
                return Reader.READ_RESPONSE_REQUEST;
            default:
                throw new IllegalArgumentException(request.name());
        }
    }

    private static ClassName requestClass(ValueType request) {
        switch (request) {
            case CHAT_COMPLETION_CREATE_PARAMS:
                return CHAT_COMPLETION_CREATE_PARAMS;
            case EMBEDDING_CREATE_PARAMS:
                return EMBEDDING_CREATE_PARAMS;
            case RESPONSE_CREATE_PARAMS:
                return RESPONSE_CREATE_PARAMS;
            default:
                throw new IllegalArgumentException(request.name());
        }
    }

    /**
     * The reader of a returned or future response; {@code null} for a user's GenAiResponse, which the
     * runtime reads. A stream's chunks are read by the stream's observer.
     */
    private static Reader responseReader(ValueType response) {
        switch (response) {
            case CHAT_COMPLETION:
                return Reader.READ_CHAT_COMPLETION;
            case CREATE_EMBEDDING_RESPONSE:
                return Reader.READ_EMBEDDING_RESPONSE;
            case RESPONSE:
                return Reader.READ_RESPONSE;
            default:
                return null;
        }
    }

    private static ClassName responseClass(ValueType response) {
        switch (response) {
            case CHAT_COMPLETION:
                return CHAT_COMPLETION;
            case CHAT_COMPLETION_CHUNK:
                return CHAT_COMPLETION_CHUNK;
            case CREATE_EMBEDDING_RESPONSE:
                return CREATE_EMBEDDING_RESPONSE;
            case RESPONSE:
                return RESPONSE;
            case GEN_AI_RESPONSE:
                return GEN_AI_RESPONSE;
            default:
                throw new IllegalArgumentException(response.name());
        }
    }

    private static List<MethodSpec> tool(MethodDescriptor method) {
        List<MethodSpec> methods = new ArrayList<>();
        method.parameterWith(Marker.TOOL_CALL_ID).filter(parameter -> !parameter.has(Marker.REDACT))
                .ifPresent(parameter -> methods.add(textOf("toolCallId", parameter)));
        // Content capture names the arguments it may record; @Redact and @ToolCallId ones are never recorded.
        if (method.parameters().stream().anyMatch(TelemetryWriter::capturedToolArgument)) {
            CodeBlock.Builder names = CodeBlock.builder();
            for (ParameterDescriptor parameter : method.parameters()) {
                names.add(parameter.index() == 0 ? "" : ", ")
                        .add(capturedToolArgument(parameter) ? CodeBlock.of("$S", parameter.name()) : CodeBlock.of("null"));
            }
            methods.add(MethodSpec.methodBuilder("argumentNames")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String[].class)
                    .addStatement("return new String[] {$L}", names.build())
                    .build());
        }
        TypeInfo returns = method.returnType();
        MethodSpec.Builder resultCount = override("resultCount", TypeName.get(int.class), ClassName.OBJECT, "result");
        switch (returns.valueType()) {
            case COLLECTION:
                resultCount.addStatement("return result == null ? -1 : (($T) result).size()",
                        ParameterizedTypeName.get(COLLECTION, WildcardTypeName.subtypeOf(Object.class)));
                break;
            case MAP:
                resultCount.addStatement("return result == null ? -1 : (($T) result).size()",
                        ParameterizedTypeName.get(MAP, WildcardTypeName.subtypeOf(Object.class),
                                WildcardTypeName.subtypeOf(Object.class)));
                break;
            case ARRAY:
                resultCount.addStatement("return result == null ? -1 : (($L) result).length",
                        PRIMITIVE_ARRAY.matcher(returns.arrayType()).matches() ? returns.arrayType() : "Object[]");
                break;
            default:
                return methods;
        }
        methods.add(resultCount.build());
        return methods;
    }

    /** A descriptor method returning a marked argument's text, {@code null} for {@code null}. */
    private static MethodSpec textOf(String name, ParameterDescriptor parameter) {
        return override(name, TypeName.get(String.class), OBJECT_ARRAY, "args")
                .addStatement("$T value = args[$L]", Object.class, parameter.index())
                .addStatement("return value == null ? null : value.toString()")
                .build();
    }

    private static MethodSpec.Builder override(String name, TypeName returns, TypeName parameterType, String parameter) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addParameter(parameterType, parameter);
    }

    /** {@code searchKnowledgeBase} becomes {@code SEARCH_KNOWLEDGE_BASE}; overloads get {@code _2}, ... */
    private static String uniqueFieldName(String methodName, Set<String> taken) {
        String base = methodName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + '_' + i;
        }
        return name;
    }
}
