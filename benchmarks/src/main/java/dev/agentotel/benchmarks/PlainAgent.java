package dev.agentotel.benchmarks;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.List;

/**
 * The agent of the tree rows, without telemetry: a run of one iteration that calls the model and a
 * tool. {@link AnnotatedAgent} and {@link HandWrittenAgent} are the same code, annotated and
 * instrumented by hand.
 */
public class PlainAgent {

    static final String NAME = "research-assistant";
    static final int MAX_ITERATIONS = 5;
    static final String TOOL_NAME = "search_knowledge_base";
    static final String TOOL_DESCRIPTION = "Searches the knowledge base";
    static final String TOOL_CALL_ID = "call_4fT9xQ2mL7vR1cZ8";
    static final String ANSWER = "The Eiffel Tower is 330 metres tall, which is about 1,083 feet.";
    static final List<String> DOCUMENTS = List.of(
            "The Eiffel Tower is 330 metres tall including antennas.",
            "One metre is 3.28084 feet.");

    private final CannedChat model;
    private final ChatCompletionCreateParams params;

    public PlainAgent(CannedChat model, ChatCompletionCreateParams params) {
        this.model = model;
        this.params = params;
    }

    public String answer(String sessionId, String question) {
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if (step(question)) {
                return ANSWER;
            }
        }
        return null;
    }

    boolean step(String question) {
        ChatCompletion completion = model.create(params);
        List<String> documents = search(TOOL_CALL_ID, question);
        return !documents.isEmpty() && completion != null;
    }

    List<String> search(String callId, String query) {
        return DOCUMENTS;
    }
}
