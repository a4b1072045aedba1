package dev.agentotel.example;

import java.util.List;

/** Where the agent's {@code search_knowledge_base} tool looks documents up. */
@FunctionalInterface
public interface Retriever {

    /**
     * The at most {@code topK} documents most relevant to {@code query}, best first.
     *
     * @throws IllegalArgumentException when {@code query} is blank or {@code topK} negative
     * @throws RuntimeException when the search itself failed; the agent reports it to the model
     */
    List<String> search(String query, int topK);

    /** The argument checks every implementation makes, with the messages the agent reports to the model. */
    static void checkArguments(String query, int topK) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("Search query must not be blank");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must not be negative: " + topK);
        }
    }
}
