package dev.agentotel.example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A keyword search over a handful of short documents: the index behind the
 * {@link RetrievalService}, or the agent's {@link Retriever} directly when no service is wanted.
 *
 * <p>Deliberately simple and deterministic: a document's score is the number of distinct query
 * words it contains (case-insensitive, common stop words ignored); ties keep document order. That
 * is enough for the scripted demo and keeps results, and so the telemetry they produce,
 * reproducible.
 */
public final class KnowledgeBase implements Retriever {

    /** The built-in documents; the first one answers the demo question. */
    public static final List<String> BUILT_IN_DOCUMENTS = List.of(
            "The Eiffel Tower is 330 metres tall and stands on the Champ de Mars in Paris; it was completed in 1889.",
            "The Tower of London is a historic castle on the north bank of the River Thames, founded in 1066.",
            "Mount Everest is the highest mountain above sea level, with a height of 8,849 metres.",
            "One metre is about 3.28084 feet: multiply a length in metres by 3.28084 to convert it to feet.",
            "The Louvre in Paris is the most visited art museum in the world and the home of the Mona Lisa.",
            "The Great Wall of China stretches for more than 21,000 kilometres across northern China.");

    /** Words too common to say anything about relevance. */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "by", "does", "for", "how", "in", "is", "it", "of",
            "on", "or", "the", "to", "what", "when", "where", "which", "who", "with");

    private final List<Document> documents;

    /** A knowledge base over {@link #BUILT_IN_DOCUMENTS}. */
    public KnowledgeBase() {
        this(BUILT_IN_DOCUMENTS);
    }

    /** A knowledge base over {@code documents}, searched in the given order for ties. */
    public KnowledgeBase(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        List<Document> indexed = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            String text = Objects.requireNonNull(documents.get(i), "document " + i);
            indexed.add(new Document(text, words(text)));
        }
        this.documents = List.copyOf(indexed);
    }

    /** The documents, in their original order. */
    public List<String> documents() {
        return documents.stream().map(Document::text).toList();
    }

    /**
     * The at most {@code topK} documents sharing the most words with {@code query}, best first.
     * Documents sharing no word are never returned, so the result may be empty.
     *
     * @throws IllegalArgumentException when {@code query} is null or blank, or {@code topK} is negative
     */
    @Override
    public List<String> search(String query, int topK) {
        Retriever.checkArguments(query, topK);
        Set<String> queryWords = words(query);
        return documents.stream()
                .map(document -> new Hit(document, document.score(queryWords)))
                .filter(hit -> hit.score() > 0)
                // Stable sort: equal scores keep document order.
                .sorted(Comparator.comparingInt(Hit::score).reversed())
                .limit(topK)
                .map(hit -> hit.document().text())
                .toList();
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty() && !STOP_WORDS.contains(word))
                .collect(Collectors.toUnmodifiableSet());
    }

    private record Document(String text, Set<String> words) {
        int score(Set<String> queryWords) {
            int score = 0;
            for (String word : queryWords) {
                if (words.contains(word)) {
                    score++;
                }
            }
            return score;
        }
    }

    private record Hit(Document document, int score) {}
}
