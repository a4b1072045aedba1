package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {

    private final KnowledgeBase knowledgeBase = new KnowledgeBase();

    @Test
    void ranksByNumberOfMatchingWordsThenDocumentOrder() {
        List<String> results = knowledgeBase.search("Eiffel Tower height", 3);

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).startsWith("The Eiffel Tower is 330 metres tall"); // eiffel + tower
        assertThat(results.get(1)).startsWith("The Tower of London");                 // tower
        assertThat(results.get(2)).startsWith("Mount Everest");                       // height
    }

    @Test
    void isCaseInsensitiveAndIgnoresPunctuationAndStopWords() {
        assertThat(knowledgeBase.search("WHAT is the LOUVRE?", 5))
                .singleElement().asString().contains("Louvre");
        // Only stop words: nothing to go on.
        assertThat(knowledgeBase.search("what is the", 5)).isEmpty();
    }

    @Test
    void limitsToTopKAndOmitsDocumentsWithoutMatches() {
        assertThat(knowledgeBase.search("Paris", 10)).hasSize(2)
                .allSatisfy(document -> assertThat(document).contains("Paris"));
        assertThat(knowledgeBase.search("Paris", 1)).hasSize(1);
        assertThat(knowledgeBase.search("Paris", 0)).isEmpty();
        assertThat(knowledgeBase.search("submarine", 3)).isEmpty();
    }

    @Test
    void searchesCustomDocuments() {
        KnowledgeBase custom = new KnowledgeBase(List.of("alpha beta", "beta gamma", "gamma beta alpha"));

        assertThat(custom.search("alpha beta gamma", 3))
                .containsExactly("gamma beta alpha", "alpha beta", "beta gamma");
        assertThat(custom.documents()).containsExactly("alpha beta", "beta gamma", "gamma beta alpha");
    }

    @Test
    void builtInDocumentsAreAboutSixShortFacts() {
        assertThat(knowledgeBase.documents()).hasSize(6).containsExactlyElementsOf(KnowledgeBase.BUILT_IN_DOCUMENTS);
    }

    @Test
    void rejectsBlankQueryAndNegativeTopK() {
        assertThatIllegalArgumentException().isThrownBy(() -> knowledgeBase.search(" ", 3));
        assertThatIllegalArgumentException().isThrownBy(() -> knowledgeBase.search(null, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> knowledgeBase.search("Paris", -1));
    }
}
