package dev.agentotel.benchmarks;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.LlmCall;

/**
 * The LLM call of every row: a model client that answers at once with a prebuilt completion, so
 * that what a row measures is its instrumentation.
 */
public class CannedChat {

    private final ChatCompletion completion;

    public CannedChat(ChatCompletion completion) {
        this.completion = completion;
    }

    /** Not annotated: the floor, and what hand-written instrumentation wraps. */
    public ChatCompletion create(ChatCompletionCreateParams params) {
        return completion;
    }

    /** The same call, annotated and woven. */
    @LlmCall
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        return completion;
    }
}
