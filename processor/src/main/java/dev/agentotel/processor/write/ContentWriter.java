package dev.agentotel.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated helpers that report an LLM call's messages to the runtime's
 * {@code LlmContent}, for content capture (off by default). They read openai-java's typed unions
 * (no reflection, no JSON parsing); the runtime redacts, truncates and writes the JSON.
 */
final class ContentWriter {

    private static final String CHAT = "com.openai.models.chat.completions";
    private static final ClassName PARAMS = ClassName.get(CHAT, "ChatCompletionCreateParams");
    private static final ClassName MESSAGE_PARAM = ClassName.get(CHAT, "ChatCompletionMessageParam");
    private static final ClassName SYSTEM = ClassName.get(CHAT, "ChatCompletionSystemMessageParam");
    private static final ClassName DEVELOPER = ClassName.get(CHAT, "ChatCompletionDeveloperMessageParam");
    private static final ClassName USER = ClassName.get(CHAT, "ChatCompletionUserMessageParam");
    private static final ClassName ASSISTANT = ClassName.get(CHAT, "ChatCompletionAssistantMessageParam");
    private static final ClassName TOOL = ClassName.get(CHAT, "ChatCompletionToolMessageParam");
    private static final ClassName PART = ClassName.get(CHAT, "ChatCompletionContentPart");
    private static final ClassName TEXT_PART = ClassName.get(CHAT, "ChatCompletionContentPartText");
    private static final ClassName ASSISTANT_PART =
            ASSISTANT.nestedClass("Content").nestedClass("ChatCompletionRequestAssistantMessageContentPart");
    private static final ClassName TOOL_CALL = ClassName.get(CHAT, "ChatCompletionMessageToolCall");
    private static final ClassName FUNCTION_CALL = ClassName.get(CHAT, "ChatCompletionMessageFunctionToolCall");
    private static final ClassName COMPLETION = ClassName.get(CHAT, "ChatCompletion");
    private static final ClassName COMPLETION_MESSAGE = ClassName.get(CHAT, "ChatCompletionMessage");
    private static final String RESPONSES = "com.openai.models.responses";
    private static final ClassName RESPONSE_PARAMS = ClassName.get(RESPONSES, "ResponseCreateParams");
    private static final ClassName RESPONSE = ClassName.get(RESPONSES, "Response");
    private static final ClassName OUTPUT_ITEM = ClassName.get(RESPONSES, "ResponseOutputItem");
    private static final ClassName OUTPUT_CONTENT = ClassName.get(RESPONSES, "ResponseOutputMessage").nestedClass("Content");
    private static final ClassName FUNCTION_TOOL_CALL = ClassName.get(RESPONSES, "ResponseFunctionToolCall");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

    private ContentWriter() {}

    /** System and developer messages become system instructions; the others input messages with their parts. */
    static MethodSpec captureChatRequest(String name, ClassName sink) {
        MethodSpec.Builder capture = helper(name, "Reports the messages of a Chat Completions request.", PARAMS, "params", sink)
                .beginControlFlow("for ($T message : params.messages())", MESSAGE_PARAM)
                .beginControlFlow("if (message.isSystem())");
        systemInstructions(capture, SYSTEM, "asSystem");
        capture.nextControlFlow("else if (message.isDeveloper())");
        systemInstructions(capture, DEVELOPER, "asDeveloper");
        return capture
                .nextControlFlow("else if (message.isUser())")
                .addStatement("content.inputMessage($S)", "user")
                .addStatement("$T text = message.asUser().content()", USER.nestedClass("Content"))
                .beginControlFlow("if (text.isText())")
                .addStatement("content.text(text.asText())")
                .nextControlFlow("else")
                .beginControlFlow("for ($T part : text.asArrayOfContentParts())", PART)
                .beginControlFlow("if (part.isText())")
                .addStatement("content.text(part.asText().text())")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .nextControlFlow("else if (message.isAssistant())")
                .addStatement("content.inputMessage($S)", "assistant")
                .addStatement("$T assistant = message.asAssistant()", ASSISTANT)
                .addStatement("$T text = assistant.content()", ParameterizedTypeName.get(OPTIONAL, ASSISTANT.nestedClass("Content")))
                .beginControlFlow("if (text.isPresent() && text.get().isText())")
                .addStatement("content.text(text.get().asText())")
                .nextControlFlow("else if (text.isPresent())")
                .beginControlFlow("for ($T part : text.get().asArrayOfContentParts())", ASSISTANT_PART)
                .beginControlFlow("if (part.isText())")
                .addStatement("content.text(part.asText().text())")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .beginControlFlow("for ($T call : assistant.toolCalls().orElse($T.of()))", TOOL_CALL, LIST)
                .beginControlFlow("if (call.isFunction())")
                .addStatement("$T function = call.asFunction()", FUNCTION_CALL)
                .addStatement("content.toolCall(function.id(), function.function().name(), function.function().arguments())")
                .endControlFlow()
                .endControlFlow()
                .nextControlFlow("else if (message.isTool())")
                .addStatement("content.inputMessage($S)", "tool")
                .addStatement("$T tool = message.asTool()", TOOL)
                .beginControlFlow("if (tool.content().isText())")
                .addStatement("content.toolCallResponse(tool.toolCallId(), tool.content().asText())")
                .nextControlFlow("else")
                .beginControlFlow("for ($T part : tool.content().asArrayOfContentParts())", TEXT_PART)
                .addStatement("content.toolCallResponse(tool.toolCallId(), part.text())")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** A system or developer message's text, or each of its text parts, as system instructions. */
    private static void systemInstructions(MethodSpec.Builder capture, ClassName message, String accessor) {
        capture.addStatement("$T text = message.$L().content()", message.nestedClass("Content"), accessor)
                .beginControlFlow("if (text.isText())")
                .addStatement("content.systemInstruction(text.asText())")
                .nextControlFlow("else")
                .beginControlFlow("for ($T part : text.asArrayOfContentParts())", TEXT_PART)
                .addStatement("content.systemInstruction(part.text())")
                .endControlFlow()
                .endControlFlow();
    }

    /** One output message per choice: its text and the tool calls it asks for. */
    static MethodSpec captureChatCompletion(String name, ClassName sink) {
        ClassName choice = COMPLETION.nestedClass("Choice");
        return helper(name, "Reports the choices of a Chat Completions response.", COMPLETION, "completion", sink)
                .beginControlFlow("for ($T choice : completion._choices().asKnown().orElse($T.of()))", choice, LIST)
                .addStatement("content.outputMessage($S, choice._finishReason().asKnown().map(reason -> reason.asString())"
                        + ".orElse(null))", "assistant")
                .addStatement("$T message = choice._message().asKnown()", ParameterizedTypeName.get(OPTIONAL, COMPLETION_MESSAGE))
                .beginControlFlow("if (message.isEmpty())")
                .addStatement("continue")
                .endControlFlow()
                .addStatement("$T text = message.get()._content().asKnown()",
                        ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class)))
                .beginControlFlow("if (text.isPresent())")
                .addStatement("content.text(text.get())")
                .endControlFlow()
                .beginControlFlow("for ($T call : message.get()._toolCalls().asKnown().orElse($T.of()))", TOOL_CALL, LIST)
                .beginControlFlow("if (call.isFunction())")
                .addStatement("$T function = call.asFunction()", FUNCTION_CALL)
                .addStatement("content.toolCall(function.id(), function.function().name(), function.function().arguments())")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    /** The instructions, and a text input as the user's message; input item lists are not reported. */
    static MethodSpec captureResponseRequest(String name, ClassName sink) {
        return helper(name, "Reports the instructions and text input of a Responses API request.\n"
                        + "Input given as a list of items is not reported.", RESPONSE_PARAMS, "params", sink)
                .addStatement("$T instructions = params.instructions()", ParameterizedTypeName.get(OPTIONAL, ClassName.get(String.class)))
                .beginControlFlow("if (instructions.isPresent())")
                .addStatement("content.systemInstruction(instructions.get())")
                .endControlFlow()
                .addStatement("$T input = params.input()", ParameterizedTypeName.get(OPTIONAL, RESPONSE_PARAMS.nestedClass("Input")))
                .beginControlFlow("if (input.isPresent() && input.get().isText())")
                .addStatement("content.inputMessage($S)", "user")
                .addStatement("content.text(input.get().asText())")
                .endControlFlow()
                .build();
    }

    /** Each output message's text, and each function call, as output messages. */
    static MethodSpec captureResponse(String name, ClassName sink) {
        return helper(name, "Reports the output messages and function calls of a Responses API response.", RESPONSE,
                        "response", sink)
                .beginControlFlow("for ($T item : response._output().asKnown().orElse($T.of()))", OUTPUT_ITEM, LIST)
                .beginControlFlow("if (item.isMessage())")
                .addStatement("content.outputMessage($S, null)", "assistant")
                .beginControlFlow("for ($T part : item.asMessage().content())", OUTPUT_CONTENT)
                .beginControlFlow("if (part.isOutputText())")
                .addStatement("content.text(part.asOutputText().text())")
                .endControlFlow()
                .endControlFlow()
                .nextControlFlow("else if (item.isFunctionCall())")
                .addStatement("$T call = item.asFunctionCall()", FUNCTION_TOOL_CALL)
                .addStatement("content.outputMessage($S, null)", "assistant")
                .addStatement("content.toolCall(call.callId(), call.name(), call.arguments())")
                .endControlFlow()
                .endControlFlow()
                .build();
    }

    private static MethodSpec.Builder helper(String name, String javadoc, TypeName source, String sourceName, ClassName sink) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc("$L Content capture only.\n", javadoc)
                .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "deprecation").build())
                .addModifiers(Modifier.STATIC)
                .addParameter(source, sourceName)
                .addParameter(sink, "content")
                .beginControlFlow("if ($N == null)", sourceName)
                .addStatement("return")
                .endControlFlow();
    }
}
