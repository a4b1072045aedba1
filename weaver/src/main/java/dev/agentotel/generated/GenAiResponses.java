package dev.agentotel.generated;

import dev.agentotel.telemetry.GenAiResponse;
import java.util.ArrayList;
import java.util.List;

/** Reads a user's {@link GenAiResponse} into an {@link LlmResponse}. */
final class GenAiResponses {

    private GenAiResponses() {}

    static void read(GenAiResponse result, LlmResponse response) {
        long inputTokens = result.inputTokens();
        if (inputTokens >= 0) {
            response.inputTokens(inputTokens);
        }
        long outputTokens = result.outputTokens();
        if (outputTokens >= 0) {
            response.outputTokens(outputTokens);
        }
        String model = result.responseModel();
        if (model != null) {
            response.model(model);
        }
        String id = result.responseId();
        if (id != null) {
            response.id(id);
        }
        List<String> finishReasons = result.finishReasons();
        if (finishReasons != null && !finishReasons.isEmpty()) {
            // The user's list may change after the call; the span keeps what was reported.
            response.finishReasons(new ArrayList<>(finishReasons));
        }
    }
}
