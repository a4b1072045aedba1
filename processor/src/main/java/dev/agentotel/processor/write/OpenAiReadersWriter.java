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
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.agentotel.generated.LlmContent;
import dev.agentotel.generated.LlmRequest;
import dev.agentotel.generated.LlmResponse;
import dev.agentotel.generated.LlmStream;
import dev.agentotel.telemetry.GenAiAttributes;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes {@value #SIMPLE_NAME}, the one class per package holding the typed code that reads
 * openai-java requests, responses, streams and errors for the package's generated
 * {@code <Class>_AgentTelemetry} classes, which call its static methods. Written once per package,
 * not once per class: the readers are the bulk of the generated code, and javac compiled a copy
 * for every annotated class.
 *
 * <p>Every package gets the same full set of readers, whichever of them its classes use, so the
 * class depends only on the processor's version: two modules sharing a package write identical
 * classes, and whichever of them the class loader finds serves both.
 */
public final class OpenAiReadersWriter {

    /**
     * The class's simple name: it does not end in {@code _AgentTelemetry}, so no annotated class's
     * generated class can take it, and the runtime never looks it up.
     */
    public static final String SIMPLE_NAME = "AgentTelemetry_OpenAiReaders";

    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final ClassName LLM_REQUEST = ClassName.get(LlmRequest.class);
    private static final ClassName LLM_RESPONSE = ClassName.get(LlmResponse.class);
    private static final ClassName LLM_STREAM = ClassName.get(LlmStream.class);
    private static final ClassName LLM_CONTENT = ClassName.get(LlmContent.class);
    private static final ClassName GEN_AI_ATTRIBUTES = ClassName.get(GenAiAttributes.class);

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

    /** The static methods of the class, in its order. */
    enum Reader {
        READ_CHAT_REQUEST("readChatCompletionRequest", true),
        READ_EMBEDDING_REQUEST("readEmbeddingRequest", true),
        READ_RESPONSE_REQUEST("readResponseRequest", true),
        READ_CHAT_COMPLETION("readChatCompletion", true),
        OBSERVE_CHAT_STREAM("observeChatCompletionStream", true),
        READ_CHAT_CHUNK("readChatCompletionChunk", false),
        READ_COMPLETION_USAGE("readCompletionUsage", false),
        READ_EMBEDDING_RESPONSE("readEmbeddingResponse", true),
        READ_RESPONSE("readResponse", true),
        RESPONSES_MODEL_NAME("responsesModelName", false),
        CAPTURE_CHAT_REQUEST("captureChatRequest", true),
        CAPTURE_RESPONSE_REQUEST("captureResponseRequest", true),
        CAPTURE_CHAT_COMPLETION("captureChatCompletion", true),
        CAPTURE_RESPONSE("captureResponse", true),
        OPENAI_ERROR_TYPE("openAiErrorType", true);

        final String methodName;
        /** Called by the generated telemetry classes, hence package-private; the others are private. */
        private final boolean shared;

        Reader(String methodName, boolean shared) {
            this.methodName = methodName;
            this.shared = shared;
        }

        Modifier[] modifiers() {
            return shared ? new Modifier[] {Modifier.STATIC} : new Modifier[] {Modifier.PRIVATE, Modifier.STATIC};
        }
    }

    /** The class in {@code packageName} ({@code ""} for the unnamed package). */
    public static ClassName className(String packageName) {
        return ClassName.get(packageName, SIMPLE_NAME);
    }

    /**
     * Writes the class for {@code packageName}; {@code originatingElement} is the first annotated
     * class of the package that needs it.
     */
    public JavaFile write(String packageName, Element originatingElement) {
        TypeSpec.Builder builder = TypeSpec.classBuilder(SIMPLE_NAME)
                .addJavadoc("Reads openai-java requests, responses, streams and errors for the generated\n"
                        + "{@code *_AgentTelemetry} classes of this package, which call its static methods.\n"
                        + "\n<p>Written by the agentotel annotation processor, the same in every package; do not edit.\n")
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", TelemetryWriter.GENERATOR).build())
                .addModifiers(Modifier.FINAL)
                .addOriginatingElement(originatingElement)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Reader reader : Reader.values()) {
            builder.addMethod(method(reader));
        }
        return JavaFile.builder(packageName, builder.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static MethodSpec method(Reader reader) {
        switch (reader) {
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
                return ContentWriter.captureChatRequest(reader.methodName, LLM_CONTENT);
            case CAPTURE_RESPONSE_REQUEST:
                return ContentWriter.captureResponseRequest(reader.methodName, LLM_CONTENT);
            case CAPTURE_CHAT_COMPLETION:
                return ContentWriter.captureChatCompletion(reader.methodName, LLM_CONTENT);
            case CAPTURE_RESPONSE:
                return ContentWriter.captureResponse(reader.methodName, LLM_CONTENT);
            case OPENAI_ERROR_TYPE:
                return openAiErrorType();
            default:
                throw new IllegalArgumentException(reader.name());
        }
    }

    private static MethodSpec readChatCompletionRequest() {
        ClassName stop = CHAT_COMPLETION_CREATE_PARAMS.nestedClass("Stop");
        ClassName responseFormat = CHAT_COMPLETION_CREATE_PARAMS.nestedClass("ResponseFormat");
        TypeName optionalDouble = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Double.class));
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(Reader.READ_CHAT_REQUEST, "Reads the request attributes of a Chat Completions call.",
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
        return reader(Reader.READ_EMBEDDING_REQUEST, "Reads the request attributes of an Embeddings call.",
                EMBEDDING_CREATE_PARAMS, "params", LLM_REQUEST, "request")
                .addStatement("request.model(params.model().asString())")
                .build();
    }

    private static MethodSpec readResponseRequest() {
        TypeName optionalDouble = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Double.class));
        TypeName optionalLong = ParameterizedTypeName.get(OPTIONAL, ClassName.get(Long.class));
        return reader(Reader.READ_RESPONSE_REQUEST, "Reads the request attributes of a Responses API call.",
                RESPONSE_CREATE_PARAMS, "params", LLM_REQUEST, "request")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, RESPONSES_MODEL), "model", "params.model()",
                        "request.model($N(model.get()))", Reader.RESPONSES_MODEL_NAME.methodName))
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
        return reader(Reader.READ_CHAT_COMPLETION, "Reads the response attributes and token usage of a Chat Completions call.",
                CHAT_COMPLETION, "completion", LLM_RESPONSE, "response")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, COMPLETION_USAGE), "usage", "completion._usage().asKnown()",
                        "$N(usage.get(), response)", Reader.READ_COMPLETION_USAGE.methodName))
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
        return reader(Reader.READ_COMPLETION_USAGE, "Reads the token usage of a Chat Completions response or chunk.",
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
                                Reader.READ_CHAT_CHUNK.methodName)
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
        return MethodSpec.methodBuilder(Reader.OBSERVE_CHAT_STREAM.methodName)
                .addJavadoc("The stream the caller gets: the same chunks, in order, with the same exceptions; the span ends\n"
                        + "when it is exhausted, fails or is closed.\n")
                .addModifiers(Reader.OBSERVE_CHAT_STREAM.modifiers())
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
        return reader(Reader.READ_CHAT_CHUNK, "Reads one chunk of a streamed Chat Completions response.",
                CHAT_COMPLETION_CHUNK, "chunk", LLM_STREAM, "stream")
                .addCode(optional(ParameterizedTypeName.get(OPTIONAL, COMPLETION_USAGE), "usage", "chunk._usage().asKnown()",
                        "$N(usage.get(), stream)", Reader.READ_COMPLETION_USAGE.methodName))
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
        return reader(Reader.READ_EMBEDDING_RESPONSE, "Reads the response model and token usage of an Embeddings call.",
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
        return reader(Reader.READ_RESPONSE, "Reads the response attributes and token usage of a Responses API call.\n"
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
                        "response.model($N(model.get()))", Reader.RESPONSES_MODEL_NAME.methodName))
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
        return MethodSpec.methodBuilder(Reader.RESPONSES_MODEL_NAME.methodName)
                .addJavadoc("The model's name, whichever of its forms the Responses API used.\n")
                .addModifiers(Reader.RESPONSES_MODEL_NAME.modifiers())
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
            Reader reader, String javadoc, TypeName source, String sourceName, TypeName sink, String sinkName) {
        return MethodSpec.methodBuilder(reader.methodName)
                .addJavadoc("$L\n", javadoc)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "deprecation").build())
                .addModifiers(reader.modifiers())
                .addParameter(source, sourceName)
                .addParameter(sink, sinkName)
                .beginControlFlow("if ($N == null)", sourceName)
                .addStatement("return")
                .endControlFlow();
    }

    private static MethodSpec openAiErrorType() {
        return MethodSpec.methodBuilder(Reader.OPENAI_ERROR_TYPE.methodName)
                .addJavadoc("The HTTP status code of an OpenAI service error, else {@code null} (the exception's class).\n"
                        + "An error event inside a stream arrives with the stream's status 200 and is named by its class.\n")
                .addModifiers(Reader.OPENAI_ERROR_TYPE.modifiers())
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
}
