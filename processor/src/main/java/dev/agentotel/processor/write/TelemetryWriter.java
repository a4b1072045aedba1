package dev.agentotel.processor.write;

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
import dev.agentotel.telemetry.GenAiAttributes;
import dev.agentotel.telemetry.GenAiResponse;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * the annotation's values, plus typed code that reads its arguments and result. The output depends
 * only on the source, so builds are reproducible.
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
    private static final ClassName GEN_AI_ATTRIBUTES = ClassName.get(GenAiAttributes.class);
    private static final ClassName GEN_AI_RESPONSE = ClassName.get(GenAiResponse.class);

    private static final String CHAT = "com.openai.models.chat.completions";
    private static final ClassName CHAT_COMPLETION = ClassName.get(CHAT, "ChatCompletion");
    private static final ClassName CHAT_COMPLETION_CREATE_PARAMS = ClassName.get(CHAT, "ChatCompletionCreateParams");
    private static final ClassName CHAT_COMPLETION_CHUNK = ClassName.get(CHAT, "ChatCompletionChunk");
    private static final ClassName STREAM_RESPONSE = ClassName.get("com.openai.core.http", "StreamResponse");
    private static final ClassName CREATE_EMBEDDING_RESPONSE =
            ClassName.get("com.openai.models.embeddings", "CreateEmbeddingResponse");
    private static final ClassName EMBEDDING_CREATE_PARAMS =
            ClassName.get("com.openai.models.embeddings", "EmbeddingCreateParams");
    private static final ClassName RESPONSE = ClassName.get("com.openai.models.responses", "Response");
    private static final ClassName RESPONSE_CREATE_PARAMS = ClassName.get("com.openai.models.responses", "ResponseCreateParams");
    private static final ClassName RESPONSE_USAGE = ClassName.get("com.openai.models.responses", "ResponseUsage");
    private static final ClassName RESPONSE_TEXT_CONFIG = ClassName.get("com.openai.models.responses", "ResponseTextConfig");
    private static final ClassName RESPONSE_FORMAT_TEXT_CONFIG =
            ClassName.get("com.openai.models.responses", "ResponseFormatTextConfig");
    private static final ClassName RESPONSES_MODEL = ClassName.get("com.openai.models", "ResponsesModel");
    private static final ClassName JAVA_STREAM = ClassName.get("java.util.stream", "Stream");
    private static final ClassName COMPLETION_USAGE = ClassName.get("com.openai.models.completions", "CompletionUsage");
    private static final ClassName OPENAI_SERVICE_EXCEPTION = ClassName.get("com.openai.errors", "OpenAIServiceException");

    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
    private static final ClassName COLLECTION = ClassName.get("java.util", "Collection");
    private static final ClassName MAP = ClassName.get("java.util", "Map");
    private static final TypeName STRING = ClassName.get(String.class);
    private static final TypeName OBJECT_ARRAY = TypeName.get(Object[].class);

    /** Private static helpers of the generated class, written once each when a method needs them, in this order. */
    private enum Helper {
        READ_CHAT_REQUEST("readChatCompletionRequest"),
        READ_EMBEDDING_REQUEST("readEmbeddingRequest"),
        READ_RESPONSE_REQUEST("readResponseRequest"),
        READ_CHAT_COMPLETION("readChatCompletion"),
        OBSERVE_CHAT_STREAM("observeChatCompletionStream"),
        READ_CHAT_CHUNK("readChatCompletionChunk"),
        READ_COMPLETION_USAGE("readCompletionUsage"),
        READ_EMBEDDING_RESPONSE("readEmbeddingResponse"),
        READ_RESPONSE("readResponse"),
        RESPONSES_MODEL_NAME("responsesModelName"),
        CAPTURE_CHAT_REQUEST("captureChatRequest"),
        CAPTURE_RESPONSE_REQUEST("captureResponseRequest"),
        CAPTURE_CHAT_COMPLETION("captureChatCompletion"),
        CAPTURE_RESPONSE("captureResponse"),
        OPENAI_ERROR_TYPE("openAiErrorType");

        final String methodName;

        Helper(String methodName) {
            this.methodName = methodName;
        }
    }

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
        Set<Helper> helpers = EnumSet.noneOf(Helper.class);
        for (MethodDescriptor method : type.methods()) {
            if (method.spans().isEmpty()) {
                continue;
            }
            String field = uniqueFieldName(method.name(), fieldNames);
            builder.addField(descriptorField(annotated, method, field, helpers));
            find.addCode("case $S:\n", method.key()).addStatement("$>return $N$<", field);
        }
        find.addCode("default:\n").addStatement("$>return null$<").endControlFlow();

        builder.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Called once by the agentotel runtime, the first time a method of {@link $T} runs.\n", annotated)
                .addModifiers(Modifier.PUBLIC)
                .build());
        builder.addMethod(find.build());
        for (Helper helper : helpers) {
            builder.addMethod(helper(helper));
        }
        return JavaFile.builder(type.packageName(), builder.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private FieldSpec descriptorField(ClassName annotated, MethodDescriptor method, String field, Set<Helper> helpers) {
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
                        ? anonymous(fieldType, llmCall(method, shape, helpers), "$L, $L, $L",
                                literal(operation), literal(span.string("provider")), literal(span.string("model")))
                        : anonymous(fieldType, llmCall(method, shape, helpers), "$L, $L, $L, $T.$L",
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

    private static List<MethodSpec> llmCall(MethodDescriptor method, LlmShape shape, Set<Helper> helpers) {
        List<MethodSpec> methods = new ArrayList<>();
        requestParameter(method).ifPresent(parameter -> {
            ValueType requestType = parameter.type().valueType();
            Helper reader = requestReader(requestType);
            helpers.add(reader);
            if (reader == Helper.READ_RESPONSE_REQUEST) {
                helpers.add(Helper.RESPONSES_MODEL_NAME);
            }
            methods.add(override("request", TypeName.get(void.class), OBJECT_ARRAY, "args")
                    .addParameter(LLM_REQUEST, "request")
                    .addStatement("$N(($T) args[$L], request)", reader.methodName,
                            requestClass(requestType), parameter.index())
                    .build());
            // A @Redact request is read for its attributes, never for its messages.
            Helper capture = parameter.has(Marker.REDACT) ? null : requestCapture(requestType);
            if (capture != null) {
                helpers.add(capture);
                methods.add(override("requestContent", TypeName.get(void.class), OBJECT_ARRAY, "args")
                        .addParameter(LLM_CONTENT, "content")
                        .addStatement("$N(($T) args[$L], content)", capture.methodName,
                                requestClass(requestType), parameter.index())
                        .build());
            }
        });
        Helper responseCapture = responseCapture(shape);
        if (responseCapture != null) {
            helpers.add(responseCapture);
            methods.add(override("responseContent", TypeName.get(void.class), responseClass(shape.value()), "result")
                    .addParameter(LLM_CONTENT, "content")
                    .addStatement("$N(result, content)", responseCapture.methodName)
                    .build());
        }
        Helper reader = responseReader(shape.value());
        if (shape.completion() == LlmShape.Completion.STREAM) {
            helpers.add(Helper.OBSERVE_CHAT_STREAM);
            helpers.add(Helper.READ_CHAT_CHUNK);
            helpers.add(Helper.READ_COMPLETION_USAGE);
            methods.add(override("observeStream", ClassName.OBJECT, ClassName.OBJECT, "returned")
                    .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
                    .addParameter(LLM_STREAM, "stream")
                    .addStatement("return $N(($T) returned, stream)", Helper.OBSERVE_CHAT_STREAM.methodName,
                            ParameterizedTypeName.get(STREAM_RESPONSE, CHAT_COMPLETION_CHUNK))
                    .build());
        } else if (reader != null) {
            helpers.add(reader);
            if (reader == Helper.READ_CHAT_COMPLETION) {
                helpers.add(Helper.READ_COMPLETION_USAGE);
            } else if (reader == Helper.READ_RESPONSE) {
                helpers.add(Helper.RESPONSES_MODEL_NAME);
            }
            methods.add(override("response", TypeName.get(void.class), responseClass(shape.value()), "result")
                    .addParameter(LLM_RESPONSE, "response")
                    .addStatement("$N(result, response)", reader.methodName)
                    .build());
        }
        if (shape.value() != ValueType.GEN_AI_RESPONSE) {
            helpers.add(Helper.OPENAI_ERROR_TYPE);
            methods.add(override("errorType", TypeName.get(String.class), TypeName.get(Throwable.class), "error")
                    .addStatement("return $N(error)", Helper.OPENAI_ERROR_TYPE.methodName)
                    .build());
        }
        return methods;
    }

    private static boolean capturedToolArgument(ParameterDescriptor parameter) {
        return !parameter.has(Marker.REDACT) && !parameter.has(Marker.TOOL_CALL_ID);
    }

    /** The generated capture of a request's messages; {@code null} for embeddings, whose input is not a message. */
    private static Helper requestCapture(ValueType request) {
        switch (request) {
            case CHAT_COMPLETION_CREATE_PARAMS:
                return Helper.CAPTURE_CHAT_REQUEST;
            case RESPONSE_CREATE_PARAMS:
                return Helper.CAPTURE_RESPONSE_REQUEST;
            default:
                return null;
        }
    }

    /** The generated capture of a response's messages; streams are captured from their chunks. */
    private static Helper responseCapture(LlmShape shape) {
        if (shape.completion() == LlmShape.Completion.STREAM) {
            return null;
        }
        switch (shape.value()) {
            case CHAT_COMPLETION:
                return Helper.CAPTURE_CHAT_COMPLETION;
            case RESPONSE:
                return Helper.CAPTURE_RESPONSE;
            default:
                return null;
        }
    }

    private static Helper requestReader(ValueType request) {
        switch (request) {
            case CHAT_COMPLETION_CREATE_PARAMS:
                return Helper.READ_CHAT_REQUEST;
            case EMBEDDING_CREATE_PARAMS:
                return Helper.READ_EMBEDDING_REQUEST;
            case RESPONSE_CREATE_PARAMS:
                return Helper.READ_RESPONSE_REQUEST;
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

    /** The generated reader of a response type; {@code null} for a user's GenAiResponse, which the runtime reads. */
    private static Helper responseReader(ValueType response) {
        switch (response) {
            case CHAT_COMPLETION:
                return Helper.READ_CHAT_COMPLETION;
            case CHAT_COMPLETION_CHUNK:
                return Helper.READ_CHAT_CHUNK;
            case CREATE_EMBEDDING_RESPONSE:
                return Helper.READ_EMBEDDING_RESPONSE;
            case RESPONSE:
                return Helper.READ_RESPONSE;
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

    private static MethodSpec helper(Helper helper) {
        switch (helper) {
            case READ_CHAT_REQUEST:
                return readChatCompletionRequest();
            case READ_EMBEDDING_REQUEST:
                return readEmbeddingRequest();
            case READ_RESPONSE_REQUEST:
                return readResponseRequest();
            case READ_CHAT_COMPLETION:
                return readChatCompletion();
            case OBSERVE_CHAT_STREAM:
                return observeChatCompletionStream();
            case READ_CHAT_CHUNK:
                return readChatCompletionChunk();
            case READ_COMPLETION_USAGE:
                return readCompletionUsage();
            case READ_EMBEDDING_RESPONSE:
                return readEmbeddingResponse();
            case READ_RESPONSE:
                return readResponse();
            case RESPONSES_MODEL_NAME:
                return responsesModelName();
            case CAPTURE_CHAT_REQUEST:
                return ContentWriter.captureChatRequest(Helper.CAPTURE_CHAT_REQUEST.methodName, LLM_CONTENT);
            case CAPTURE_RESPONSE_REQUEST:
                return ContentWriter.captureResponseRequest(Helper.CAPTURE_RESPONSE_REQUEST.methodName, LLM_CONTENT);
            case CAPTURE_CHAT_COMPLETION:
                return ContentWriter.captureChatCompletion(Helper.CAPTURE_CHAT_COMPLETION.methodName, LLM_CONTENT);
            case CAPTURE_RESPONSE:
                return ContentWriter.captureResponse(Helper.CAPTURE_RESPONSE.methodName, LLM_CONTENT);
            case OPENAI_ERROR_TYPE:
                return openAiErrorType();
            default:
                throw new IllegalArgumentException(helper.name());
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

    private static MethodSpec readChatCompletionRequest() {
        ClassName stop = CHAT_COMPLETION_CREATE_PARAMS.nestedClass("Stop");
        ClassName responseFormat = CHAT_COMPLETION_CREATE_PARAMS.nestedClass("ResponseFormat");
        TypeName optionalDouble = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Double.class));
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(Helper.READ_CHAT_REQUEST, "Reads the request attributes of a Chat Completions call.",
                CHAT_COMPLETION_CREATE_PARAMS, "params", LLM_REQUEST, "request")
                .addStatement("request.model(params.model().asString())")
                .addCode(optional(optionalDouble, "temperature", "params.temperature()", "request.temperature(temperature.get())"))
                .addCode(optional(optionalDouble, "topP", "params.topP()", "request.topP(topP.get())"))
                .addStatement("$T maxTokens = params.maxCompletionTokens()", optionalLong)
                .beginControlFlow("if (maxTokens.isEmpty())")
                .addStatement("maxTokens = params.maxTokens()")
                .endControlFlow()
                .beginControlFlow("if (maxTokens.isPresent())")
                .addStatement("request.maxTokens(maxTokens.get())")
                .endControlFlow()
                .addCode(optional(optionalDouble, "frequencyPenalty", "params.frequencyPenalty()",
                        "request.frequencyPenalty(frequencyPenalty.get())"))
                .addCode(optional(optionalDouble, "presencePenalty", "params.presencePenalty()",
                        "request.presencePenalty(presencePenalty.get())"))
                .addStatement("$T stop = params.stop()", ParameterizedTypeName.get(OPTIONAL, stop))
                .beginControlFlow("if (stop.isPresent())")
                .addStatement("request.stopSequences(stop.get().isString() ? $T.of(stop.get().asString()) : stop.get().asStrings())", LIST)
                .endControlFlow()
                .addCode(optional(optionalLong, "seed", "params.seed()", "request.seed(seed.get())"))
                .addCode(optional(optionalLong, "choiceCount", "params.n()", "request.choiceCount(choiceCount.get())"))
                .addStatement("$T responseFormat = params.responseFormat()", ParameterizedTypeName.get(OPTIONAL, responseFormat))
                .beginControlFlow("if (responseFormat.isPresent())")
                .addStatement("request.outputType(responseFormat.get().isText() ? $T.OUTPUT_TYPE_TEXT : $T.OUTPUT_TYPE_JSON)",
                        GEN_AI_ATTRIBUTES, GEN_AI_ATTRIBUTES)
                .endControlFlow()
                .build();
    }

    private static MethodSpec readEmbeddingRequest() {
        return reader(Helper.READ_EMBEDDING_REQUEST, "Reads the request attributes of an Embeddings call.",
                EMBEDDING_CREATE_PARAMS, "params", LLM_REQUEST, "request")
                .addStatement("request.model(params.model().asString())")
                .build();
    }

    private static MethodSpec readResponseRequest() {
        TypeName optionalDouble = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Double.class));
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(Helper.READ_RESPONSE_REQUEST, "Reads the request attributes of a Responses API call.",
                RESPONSE_CREATE_PARAMS, "params", LLM_REQUEST, "request")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, RESPONSES_MODEL), "model", "params.model()",
                        "request.model($N(model.get()))", Helper.RESPONSES_MODEL_NAME.methodName))
                .addCode(optional(optionalDouble, "temperature", "params.temperature()", "request.temperature(temperature.get())"))
                .addCode(optional(optionalDouble, "topP", "params.topP()", "request.topP(topP.get())"))
                .addCode(optional(optionalLong, "maxTokens", "params.maxOutputTokens()", "request.maxTokens(maxTokens.get())"))
                .addStatement("$T format = params.text().flatMap($T::format)",
                        ParameterizedTypeName.get(OPTIONAL, RESPONSE_FORMAT_TEXT_CONFIG), RESPONSE_TEXT_CONFIG)
                .beginControlFlow("if (format.isPresent())")
                .addStatement("request.outputType(format.get().isText() ? $T.OUTPUT_TYPE_TEXT : $T.OUTPUT_TYPE_JSON)",
                        GEN_AI_ATTRIBUTES, GEN_AI_ATTRIBUTES)
                .endControlFlow()
                .build();
    }

    /**
     * Reads through openai-java's {@code _field()} accessors, which never throw: a response with a
     * missing or malformed field (a {@code null} finish reason, say) still yields everything else.
     * Usage and model come first, since the token metrics need them.
     */
    private static MethodSpec readChatCompletion() {
        ClassName choice = CHAT_COMPLETION.nestedClass("Choice");
        ClassName finishReason = choice.nestedClass("FinishReason");
        ClassName serviceTier = CHAT_COMPLETION.nestedClass("ServiceTier");
        TypeName optionalString = ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class));
        return reader(Helper.READ_CHAT_COMPLETION, "Reads the response attributes and token usage of a Chat Completions call.",
                CHAT_COMPLETION, "completion", LLM_RESPONSE, "response")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, COMPLETION_USAGE), "usage", "completion._usage().asKnown()",
                        "$N(usage.get(), response)", Helper.READ_COMPLETION_USAGE.methodName))
                .addCode(optional(optionalString, "model", "completion._model().asKnown()", "response.model(model.get())"))
                .addCode(optional(optionalString, "id", "completion._id().asKnown()", "response.id(id.get())"))
                .addStatement("$T choices = completion._choices().asKnown()",
                        ParameterizedTypeName.get(OPTIONAL, ParameterizedTypeName.get(LIST, choice)))
                .beginControlFlow("if (choices.isPresent())")
                .addStatement("$T<$T> finishReasons = new $T<>(choices.get().size())", LIST, String.class, ARRAY_LIST)
                .beginControlFlow("for ($T choice : choices.get())", choice)
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, finishReason), "finishReason",
                        "choice._finishReason().asKnown()", "finishReasons.add(finishReason.get().asString())"))
                .endControlFlow()
                .addStatement("response.finishReasons(finishReasons)")
                .endControlFlow()
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, serviceTier), "serviceTier",
                        "completion._serviceTier().asKnown()", "response.serviceTier(serviceTier.get().asString())"))
                .addCode(optional(optionalString, "systemFingerprint", "completion._systemFingerprint().asKnown()",
                        "response.systemFingerprint(systemFingerprint.get())"))
                .build();
    }

    private static MethodSpec readCompletionUsage() {
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(Helper.READ_COMPLETION_USAGE, "Reads the token usage of a Chat Completions response or chunk.",
                COMPLETION_USAGE, "usage", LLM_RESPONSE, "response")
                .addCode(optional(optionalLong, "inputTokens", "usage._promptTokens().asKnown()",
                        "response.inputTokens(inputTokens.get())"))
                .addCode(optional(optionalLong, "outputTokens", "usage._completionTokens().asKnown()",
                        "response.outputTokens(outputTokens.get())"))
                .addCode(optional(optionalLong, "cachedTokens",
                        "usage._promptTokensDetails().asKnown().flatMap(details -> details._cachedTokens().asKnown())",
                        "response.cacheReadInputTokens(cachedTokens.get())"))
                .build();
    }

    /**
     * Wraps a streamed Chat Completions response: the same chunks reach the caller, in order, with
     * the same exceptions, while each chunk is read and the stream's end ends the span.
     */
    private static MethodSpec observeChatCompletionStream() {
        TypeName streamResponse = ParameterizedTypeName.get(STREAM_RESPONSE, CHAT_COMPLETION_CHUNK);
        TypeSpec observed = TypeSpec.anonymousClassBuilder("")
                .addSuperinterface(streamResponse)
                .addMethod(MethodSpec.methodBuilder("stream")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(JAVA_STREAM, CHAT_COMPLETION_CHUNK))
                        .addStatement("return sink.observe(response::stream, chunk -> $N(chunk, sink))",
                                Helper.READ_CHAT_CHUNK.methodName)
                        .build())
                .addMethod(MethodSpec.methodBuilder("close")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .beginControlFlow("try")
                        .addStatement("response.close()")
                        .nextControlFlow("finally")
                        .addStatement("sink.closed()")
                        .endControlFlow()
                        .build())
                .build();
        return MethodSpec.methodBuilder(Helper.OBSERVE_CHAT_STREAM.methodName)
                .addJavadoc("The stream the caller gets: the same chunks, in order, with the same exceptions; the span ends\n"
                        + "when it is exhausted, fails or is closed.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(streamResponse)
                .addParameter(streamResponse, "response")
                .addParameter(LLM_STREAM, "sink")
                .addStatement("return $L", observed)
                .build();
    }

    private static MethodSpec readChatCompletionChunk() {
        ClassName choice = CHAT_COMPLETION_CHUNK.nestedClass("Choice");
        ClassName finishReason = choice.nestedClass("FinishReason");
        ClassName serviceTier = CHAT_COMPLETION_CHUNK.nestedClass("ServiceTier");
        TypeName optionalString = ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class));
        return reader(Helper.READ_CHAT_CHUNK, "Reads one chunk of a streamed Chat Completions response.",
                CHAT_COMPLETION_CHUNK, "chunk", LLM_STREAM, "stream")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, COMPLETION_USAGE), "usage", "chunk._usage().asKnown()",
                        "$N(usage.get(), stream)", Helper.READ_COMPLETION_USAGE.methodName))
                .addCode(optional(optionalString, "model", "chunk._model().asKnown()", "stream.model(model.get())"))
                .addCode(optional(optionalString, "id", "chunk._id().asKnown()", "stream.id(id.get())"))
                .addStatement("$T choices = chunk._choices().asKnown()",
                        ParameterizedTypeName.get(OPTIONAL, ParameterizedTypeName.get(LIST, choice)))
                .beginControlFlow("if (choices.isPresent())")
                .beginControlFlow("for ($T choice : choices.get())", choice)
                .addStatement("long index = choice._index().asKnown().orElse(0L)")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, finishReason), "finishReason",
                        "choice._finishReason().asKnown()",
                        "stream.finishReason(index, finishReason.get().asString())"))
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class)), "text",
                        "choice._delta().asKnown().flatMap(delta -> delta._content().asKnown())",
                        "stream.contentDelta(index, text.get())"))
                .endControlFlow()
                .endControlFlow()
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, serviceTier), "serviceTier",
                        "chunk._serviceTier().asKnown()", "stream.serviceTier(serviceTier.get().asString())"))
                .addCode(optional(optionalString, "systemFingerprint", "chunk._systemFingerprint().asKnown()",
                        "stream.systemFingerprint(systemFingerprint.get())"))
                .build();
    }

    private static MethodSpec readEmbeddingResponse() {
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(Helper.READ_EMBEDDING_RESPONSE, "Reads the response model and token usage of an Embeddings call.",
                CREATE_EMBEDDING_RESPONSE, "embeddings", LLM_RESPONSE, "response")
                .addCode(optional(optionalLong, "inputTokens",
                        "embeddings._usage().asKnown().flatMap(usage -> usage._promptTokens().asKnown())",
                        "response.inputTokens(inputTokens.get())"))
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class)), "model",
                        "embeddings._model().asKnown()", "response.model(model.get())"))
                .build();
    }

    private static MethodSpec readResponse() {
        ClassName incompleteDetails = RESPONSE.nestedClass("IncompleteDetails");
        ClassName serviceTier = RESPONSE.nestedClass("ServiceTier");
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        TypeName optionalString = ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class));
        return reader(Helper.READ_RESPONSE, "Reads the response attributes and token usage of a Responses API call.\n"
                        + "The finish reason is why an incomplete response stopped, else the response's status.",
                RESPONSE, "result", LLM_RESPONSE, "response")
                .addStatement("$T usage = result._usage().asKnown()", ParameterizedTypeName.get(OPTIONAL, RESPONSE_USAGE))
                .beginControlFlow("if (usage.isPresent())")
                .addCode(optional(optionalLong, "inputTokens", "usage.get()._inputTokens().asKnown()",
                        "response.inputTokens(inputTokens.get())"))
                .addCode(optional(optionalLong, "outputTokens", "usage.get()._outputTokens().asKnown()",
                        "response.outputTokens(outputTokens.get())"))
                .addCode(optional(optionalLong, "cachedTokens",
                        "usage.get()._inputTokensDetails().asKnown().flatMap(details -> details._cachedTokens().asKnown())",
                        "response.cacheReadInputTokens(cachedTokens.get())"))
                .endControlFlow()
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, RESPONSES_MODEL), "model", "result._model().asKnown()",
                        "response.model($N(model.get()))", Helper.RESPONSES_MODEL_NAME.methodName))
                .addCode(optional(optionalString, "id", "result._id().asKnown()", "response.id(id.get())"))
                .addStatement("$T finishReason = result._incompleteDetails().asKnown()"
                        + ".flatMap(details -> details._reason().asKnown()).map($T.Reason::asString)",
                        optionalString, incompleteDetails)
                .beginControlFlow("if (finishReason.isEmpty())")
                .addStatement("finishReason = result._status().asKnown().map(status -> status.asString())")
                .endControlFlow()
                .beginControlFlow("if (finishReason.isPresent())")
                .addStatement("response.finishReasons($T.of(finishReason.get()))", LIST)
                .endControlFlow()
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, serviceTier), "serviceTier",
                        "result._serviceTier().asKnown()", "response.serviceTier(serviceTier.get().asString())"))
                .build();
    }

    private static MethodSpec responsesModelName() {
        return MethodSpec.methodBuilder(Helper.RESPONSES_MODEL_NAME.methodName)
                .addJavadoc("The model's name, whichever of its forms the Responses API used.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(String.class)
                .addParameter(RESPONSES_MODEL, "model")
                .beginControlFlow("if (model.isChat())")
                .addStatement("return model.asChat().asString()")
                .endControlFlow()
                .beginControlFlow("if (model.isOnly())")
                .addStatement("return model.asOnly().asString()")
                .endControlFlow()
                .addStatement("return model.asString()")
                .build();
    }

    /**
     * {@code private static void name(Source source, Sink sink)} that reads nothing from a
     * {@code null} source. Deprecation warnings are suppressed: OpenAI deprecated {@code max_tokens},
     * {@code seed} and {@code system_fingerprint}, which are still sent and still in the conventions.
     */
    private static MethodSpec.Builder reader(
            Helper helper, String javadoc, TypeName source, String sourceName, TypeName sink, String sinkName) {
        return MethodSpec.methodBuilder(helper.methodName)
                .addJavadoc("$L\n", javadoc)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "deprecation").build())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(source, sourceName)
                .addParameter(sink, sinkName)
                .beginControlFlow("if ($N == null)", sourceName)
                .addStatement("return")
                .endControlFlow();
    }

    private static MethodSpec openAiErrorType() {
        return MethodSpec.methodBuilder(Helper.OPENAI_ERROR_TYPE.methodName)
                .addJavadoc("The HTTP status code of an OpenAI service error, else {@code null} (the exception's class).\n"
                        + "An error event inside a stream arrives with the stream's status 200 and is named by its class.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(String.class)
                .addParameter(Throwable.class, "error")
                .beginControlFlow("if (error instanceof $T && (($T) error).statusCode() >= 400)",
                        OPENAI_SERVICE_EXCEPTION, OPENAI_SERVICE_EXCEPTION)
                .addStatement("return $T.toString((($T) error).statusCode())", Integer.class, OPENAI_SERVICE_EXCEPTION)
                .endControlFlow()
                .addStatement("return null")
                .build();
    }

    /** {@code Optional<T> name = read; if (name.isPresent()) { use; }} without lambdas, so no allocation. */
    private static CodeBlock optional(TypeName type, String name, String read, String use, Object... useArguments) {
        return CodeBlock.builder().addStatement("$T $L = $L", type, name, read)
                .beginControlFlow("if ($L.isPresent())", name)
                .addStatement(use, useArguments)
                .endControlFlow()
                .build();
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
