package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_CONTENT_TRUNCATED;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OUTPUT_MESSAGES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_SYSTEM_INSTRUCTIONS;

import dev.agentotel.generated.LlmContent;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The captured content of one LLM span, as the GenAI conventions' JSON: every text redacted and
 * truncated by the {@link ContentPolicy}, at most {@code maxMessages} input messages (the most
 * recent), and {@code agent.content.truncated=true} when anything was cut.
 */
final class ContentCapture implements LlmContent {

    /** Set when a text or the message history was cut. */
    static final class Flag {
        private boolean value;

        void set() {
            value = true;
        }

        boolean isSet() {
            return value;
        }
    }

    private final ContentPolicy policy;
    private final Flag truncated = new Flag();
    private final List<String> systemParts = new ArrayList<>();
    private final List<StringBuilder> input = new ArrayList<>();
    private final List<StringBuilder> output = new ArrayList<>();
    /** The message parts go to; {@code null} before the first message. */
    private StringBuilder current;
    private boolean currentHasParts;

    ContentCapture(ContentPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void systemInstruction(String text) {
        StringBuilder part = new StringBuilder("{\"type\":\"text\",\"content\":");
        Json.string(part, policy.capture(text, truncated));
        systemParts.add(part.append('}').toString());
    }

    @Override
    public void inputMessage(String role) {
        current = message(role);
        input.add(current);
    }

    @Override
    public void outputMessage(String role, String finishReason) {
        current = message(role);
        if (finishReason != null) {
            // Written ahead of the parts, which close the message at build time.
            current.insert(0, "\"finish_reason\":" + Json.quote(finishReason) + ',');
        }
        output.add(current);
    }

    private StringBuilder message(String role) {
        currentHasParts = false;
        return new StringBuilder("\"role\":").append(Json.quote(role)).append(",\"parts\":[");
    }

    @Override
    public void text(String text) {
        StringBuilder part = part();
        if (part != null) {
            part.append("{\"type\":\"text\",\"content\":");
            Json.string(part, policy.capture(text, truncated));
            part.append('}');
        }
    }

    @Override
    public void toolCall(String id, String name, String arguments) {
        StringBuilder part = part();
        if (part != null) {
            part.append("{\"type\":\"tool_call\",\"id\":");
            Json.string(part, id);
            part.append(",\"name\":");
            Json.string(part, name);
            part.append(",\"arguments\":");
            Json.string(part, policy.capture(arguments, truncated));
            part.append('}');
        }
    }

    @Override
    public void toolCallResponse(String id, String response) {
        StringBuilder part = part();
        if (part != null) {
            part.append("{\"type\":\"tool_call_response\",\"id\":");
            Json.string(part, id);
            part.append(",\"response\":");
            Json.string(part, policy.capture(response, truncated));
            part.append('}');
        }
    }

    private StringBuilder part() {
        if (current == null) {
            return null;
        }
        if (currentHasParts) {
            current.append(',');
        }
        currentHasParts = true;
        return current;
    }

    /** Sets what was captured on {@code span}; the request part at start, the rest at the end. */
    void putRequest(Span span) {
        if (!systemParts.isEmpty()) {
            span.setAttribute(GEN_AI_SYSTEM_INSTRUCTIONS, '[' + String.join(",", systemParts) + ']');
        }
        if (!input.isEmpty()) {
            List<StringBuilder> kept = input;
            if (input.size() > policy.maxMessages) {
                kept = input.subList(input.size() - policy.maxMessages, input.size());
                truncated.set();
            }
            span.setAttribute(GEN_AI_INPUT_MESSAGES, messages(kept));
        }
        input.clear();
        systemParts.clear();
        current = null;
        putTruncated(span);
    }

    void putResponse(Span span) {
        if (!output.isEmpty()) {
            span.setAttribute(GEN_AI_OUTPUT_MESSAGES, messages(output));
        }
        putTruncated(span);
    }

    private void putTruncated(Span span) {
        if (truncated.isSet()) {
            span.setAttribute(AGENT_CONTENT_TRUNCATED, true);
        }
    }

    private static String messages(List<StringBuilder> messages) {
        StringBuilder json = new StringBuilder().append('[');
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('{').append(messages.get(i)).append("]}");
        }
        return json.append(']').toString();
    }
}
