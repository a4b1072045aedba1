package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog the build writes for the example agent, and README's copy of it: the block between
 * the {@code agentotel:catalog} markers must be the generated Markdown, byte for byte, so README
 * never shows a telemetry surface the build does not produce. After changing an instrumented
 * method, copy {@code target/classes/META-INF/agentotel/telemetry-catalog.md} into README.
 */
class TelemetryCatalogTest {

    static final String JSON = "META-INF/agentotel/telemetry-catalog.json";
    static final String MARKDOWN = "META-INF/agentotel/telemetry-catalog.md";

    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- agentotel:catalog:start -->\n";
    private static final String END = "<!-- agentotel:catalog:end -->";

    @Test
    void buildWritesTheCatalogOfEveryInstrumentedMethodInSourceOrder() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(CLASSES.resolve(JSON).toFile());
        List<String> methods = new ArrayList<>();
        catalog.get("methods").forEach(method -> methods.add(method.get("class").asText() + "#" + method.get("method").asText()));

        assertThat(CLASSES.resolve(MARKDOWN)).isRegularFile();
        assertThat(methods).containsExactly(
                "dev.agentotel.example.ResearchAgent#answer",
                "dev.agentotel.example.ResearchAgent#step",
                "dev.agentotel.example.ResearchAgent#chat",
                "dev.agentotel.example.ResearchAgent#searchKnowledgeBase",
                "dev.agentotel.example.ResearchAgent#calculate");
    }

    @Test
    void readmeShowsTheCatalogAsBuilt() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);

        assertThat(start).as("README's %s marker", START.trim()).isNotNegative();
        assertThat(end).as("README's %s marker after the start", END).isGreaterThan(start);
        assertThat(readme.substring(start + START.length(), end))
                .as("README's catalog; copy target/classes/" + MARKDOWN + " there")
                .isEqualTo(Files.readString(CLASSES.resolve(MARKDOWN)));
    }
}
