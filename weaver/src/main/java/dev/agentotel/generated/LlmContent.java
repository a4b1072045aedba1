package dev.agentotel.generated;

/**
 * Receives the messages of an LLM call, only when content capture is on. Generated code reports
 * each message with {@link #inputMessage} or {@link #outputMessage}, then its parts; the runtime
 * redacts and truncates every text and writes the GenAI conventions' JSON
 * ({@code gen_ai.system_instructions}, {@code gen_ai.input.messages}, {@code gen_ai.output.messages}).
 */
public interface LlmContent {

    /** A text part of the system (or developer) instructions. */
    void systemInstruction(String text);

    /** Starts an input message: {@code user}, {@code assistant} or {@code tool}. */
    void inputMessage(String role);

    /** Starts an output message; {@code finishReason} may be {@code null}. */
    void outputMessage(String role, String finishReason);

    /** A text part of the current message. */
    void text(String text);

    /** A tool call the model asked for, in the current message; {@code arguments} as the model wrote them. */
    void toolCall(String id, String name, String arguments);

    /** A tool's answer to call {@code id}, in the current message. */
    void toolCallResponse(String id, String response);
}
