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
import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.MethodDescriptor;
import dev.agentotel.processor.model.ParameterDescriptor;
import dev.agentotel.processor.model.SpanAnnotation;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.model.TypeInfo;
import dev.agentotel.processor.model.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes one {@code <Class>_AgentTelemetry} per annotated class: a descriptor per method holding
 * the annotation's values, plus typed code that reads its arguments and result. The output depends
 * only on the source, so builds are reproducible.
 */
public final class TelemetryWriter {

    /** The value of {@code @Generated} on every generated class. */
    public static final String GENERATOR = "dev.agentotel.processor.AgentOtelProcessor";

    private static final String SPI = "dev.agentotel.generated";
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName GENERATED_TELEMETRY = ClassName.get(SPI, "GeneratedTelemetry");
    private static final ClassName METHOD_TELEMETRY = ClassName.get(SPI, "MethodTelemetry");
    private static final ClassName AGENT_RUN_TELEMETRY = ClassName.get(SPI, "AgentRunTelemetry");
    private static final ClassName ITERATION_TELEMETRY = ClassName.get(SPI, "IterationTelemetry");
    private static final ClassName LLM_CALL_TELEMETRY = ClassName.get(SPI, "LlmCallTelemetry");
    private static final ClassName TOOL_TELEMETRY = ClassName.get(SPI, "ToolTelemetry");
    private static final ClassName LLM_REQUEST = ClassName.get(SPI, "LlmRequest");
    private static final ClassName LLM_RESPONSE = ClassName.get(SPI, "LlmResponse");

    private static final String CHAT = "com.openai.models.chat.completions";
    private static final ClassName CHAT_COMPLETION = ClassName.get(CHAT, "ChatCompletion");
    private static final ClassName CHAT_COMPLETION_CREATE_PARAMS = ClassName.get(CHAT, "ChatCompletionCreateParams");
    private static final ClassName COMPLETION_USAGE = ClassName.get("com.openai.models.completions", "CompletionUsage");
    private static final ClassName OPENAI_SERVICE_EXCEPTION = ClassName.get("com.openai.errors", "OpenAIServiceException");

    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
    private static final ClassName COLLECTION = ClassName.get("java.util", "Collection");
    private static final ClassName MAP = ClassName.get("java.util", "Map");
    private static final TypeName STRING = ClassName.get(String.class);
    private static final TypeName OBJECT_ARRAY = TypeName.get(Object[].class);

    private static final String READ_REQUEST = "readChatCompletionRequest";
    private static final String READ_RESPONSE = "readChatCompletion";
    private static final String ERROR_TYPE = "openAiErrorType";

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
        boolean readsChat = false;
        boolean readsChatRequest = false;
        for (MethodDescriptor method : type.methods()) {
            if (method.spans().isEmpty()) {
                continue;
            }
            String field = uniqueFieldName(method.name(), fieldNames);
            builder.addField(descriptorField(annotated, method, field));
            find.addCode("case $S:\n", method.key()).addStatement("$>return $N$<", field);
            if (method.span().kind() == SpanKind.LLM_CALL) {
                readsChat = true;
                readsChatRequest |= method.parameterOfType(ValueType.CHAT_COMPLETION_CREATE_PARAMS).isPresent();
            }
        }
        find.addCode("default:\n").addStatement("$>return null$<").endControlFlow();

        builder.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Called once by the agentotel runtime, the first time a method of {@link $T} runs.\n", annotated)
                .addModifiers(Modifier.PUBLIC)
                .build());
        builder.addMethod(find.build());
        if (readsChatRequest) {
            builder.addMethod(readChatCompletionRequest());
        }
        if (readsChat) {
            builder.addMethod(readChatCompletion());
            builder.addMethod(openAiErrorType());
        }
        return JavaFile.builder(type.packageName(), builder.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private FieldSpec descriptorField(ClassName annotated, MethodDescriptor method, String field) {
        SpanAnnotation span = method.span();
        TypeName fieldType;
        CodeBlock initializer;
        switch (span.kind()) {
            case AGENT_RUN:
                fieldType = AGENT_RUN_TELEMETRY;
                initializer = anonymous(AGENT_RUN_TELEMETRY, agentRun(method),
                        "$S, $S, $S, $L, $S", span.string("name"), span.string("id"), span.string("description"),
                        span.integer("maxIterations"), span.string("provider"));
                break;
            case ITERATION:
                fieldType = ITERATION_TELEMETRY;
                initializer = anonymous(ITERATION_TELEMETRY, iteration(method), "");
                break;
            case LLM_CALL:
                fieldType = ParameterizedTypeName.get(LLM_CALL_TELEMETRY, CHAT_COMPLETION);
                initializer = anonymous(fieldType, llmCall(method), "$S, $S, $S",
                        span.string("operation"), span.string("provider"), span.string("model"));
                break;
            case TOOL:
                fieldType = TOOL_TELEMETRY;
                String toolName = span.string("name").isEmpty() ? method.name() : span.string("name");
                initializer = anonymous(TOOL_TELEMETRY, tool(method), "$S, $S", toolName, span.string("description"));
                break;
            default:
                throw new IllegalStateException(span.kind().name());
        }
        return FieldSpec.builder(fieldType, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("{@code @$L} on {@link $T#$L($L)}.\n",
                        span.kind().simpleName(), annotated, method.name(), method.linkSignature())
                .initializer(initializer)
                .build();
    }

    /** {@code new Type(arguments) { methods }}. */
    private static CodeBlock anonymous(TypeName type, List<MethodSpec> methods, String format, Object... arguments) {
        TypeSpec.Builder body = TypeSpec.anonymousClassBuilder(format, arguments).superclass(type);
        methods.forEach(body::addMethod);
        return CodeBlock.of("$L", body.build());
    }

    private static List<MethodSpec> agentRun(MethodDescriptor method) {
        List<MethodSpec> methods = new ArrayList<>();
        method.parameterWith(Marker.SESSION_ID).ifPresent(parameter -> methods.add(
                textOf("sessionId", parameter)));
        method.parameterWith(Marker.USER_QUERY).ifPresent(parameter -> methods.add(
                override("userQuery", TypeName.get(CharSequence.class), OBJECT_ARRAY, "args")
                        .addStatement("return ($T) args[$L]", CharSequence.class, parameter.index())
                        .build()));
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

    private static List<MethodSpec> llmCall(MethodDescriptor method) {
        List<MethodSpec> methods = new ArrayList<>();
        method.parameterOfType(ValueType.CHAT_COMPLETION_CREATE_PARAMS).ifPresent(parameter -> methods.add(
                override("request", TypeName.get(void.class), OBJECT_ARRAY, "args")
                        .addParameter(LLM_REQUEST, "request")
                        .addStatement("$N(($T) args[$L], request)",
                                READ_REQUEST, CHAT_COMPLETION_CREATE_PARAMS, parameter.index())
                        .build()));
        methods.add(override("response", TypeName.get(void.class), CHAT_COMPLETION, "result")
                .addParameter(LLM_RESPONSE, "response")
                .addStatement("$N(result, response)", READ_RESPONSE)
                .build());
        methods.add(override("errorType", TypeName.get(String.class), TypeName.get(Throwable.class), "error")
                .addStatement("return $N(error)", ERROR_TYPE)
                .build());
        return methods;
    }

    private static List<MethodSpec> tool(MethodDescriptor method) {
        List<MethodSpec> methods = new ArrayList<>();
        method.parameterWith(Marker.TOOL_CALL_ID).ifPresent(parameter -> methods.add(textOf("toolCallId", parameter)));
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
        TypeName optionalDouble = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Double.class));
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(READ_REQUEST, "Reads the request attributes of a Chat Completions call.",
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
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        TypeName optionalString = ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class));
        return reader(READ_RESPONSE, "Reads the response attributes and token usage of a Chat Completions call.",
                CHAT_COMPLETION, "completion", LLM_RESPONSE, "response")
                .addStatement("$T usage = completion._usage().asKnown()", ParameterizedTypeName.get(OPTIONAL, COMPLETION_USAGE))
                .beginControlFlow("if (usage.isPresent())")
                .addCode(optional(optionalLong, "inputTokens", "usage.get()._promptTokens().asKnown()",
                        "response.inputTokens(inputTokens.get())"))
                .addCode(optional(optionalLong, "outputTokens", "usage.get()._completionTokens().asKnown()",
                        "response.outputTokens(outputTokens.get())"))
                .addCode(optional(optionalLong, "cachedTokens",
                        "usage.get()._promptTokensDetails().asKnown().flatMap(details -> details._cachedTokens().asKnown())",
                        "response.cacheReadInputTokens(cachedTokens.get())"))
                .endControlFlow()
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

    /**
     * {@code private static void name(Source source, Sink sink)} that reads nothing from a
     * {@code null} source. Deprecation warnings are suppressed: OpenAI deprecated {@code max_tokens},
     * {@code seed} and {@code system_fingerprint}, which are still sent and still in the conventions.
     */
    private static MethodSpec.Builder reader(
            String name, String javadoc, TypeName source, String sourceName, TypeName sink, String sinkName) {
        return MethodSpec.methodBuilder(name)
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
        return MethodSpec.methodBuilder(ERROR_TYPE)
                .addJavadoc("The HTTP status code of an OpenAI service error, else {@code null} (the exception's class).\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(String.class)
                .addParameter(Throwable.class, "error")
                .beginControlFlow("if (error instanceof $T)", OPENAI_SERVICE_EXCEPTION)
                .addStatement("return $T.toString((($T) error).statusCode())", Integer.class, OPENAI_SERVICE_EXCEPTION)
                .endControlFlow()
                .addStatement("return null")
                .build();
    }

    /** {@code Optional<T> name = read; if (name.isPresent()) { use; }} without lambdas, so no allocation. */
    private static CodeBlock optional(TypeName type, String name, String read, String use) {
        return CodeBlock.builder()
                .addStatement("$T $L = $L", type, name, read)
                .beginControlFlow("if ($L.isPresent())", name)
                .addStatement("$L", use)
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
