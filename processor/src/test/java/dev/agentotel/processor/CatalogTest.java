package dev.agentotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry catalog: the reviewed JSON and Markdown in {@code golden/} for the representative
 * sources, well-formed JSON with a fixed key order, the same bytes whatever the order of the
 * sources, odd names escaped, nothing for a class with an error, and no line where the compiler
 * gives none.
 */
class CatalogTest {

    static final String JSON = "META-INF/agentotel/telemetry-catalog.json";
    static final String MARKDOWN = "META-INF/agentotel/telemetry-catalog.md";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Compilation compilation;

    @BeforeAll
    static void compile() {
        compilation = Compilations.compile(
                JavaFileObjects.forResource("sources/com/acme/WeatherAgent.java"),
                JavaFileObjects.forResource("sources/com/acme/ShapesAgent.java"));
    }

    @Test
    void jsonCatalogMatchesGoldenFile() throws IOException {
        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedResource(compilation, JSON)).isEqualTo(golden("golden/telemetry-catalog.json"));
    }

    @Test
    void markdownCatalogMatchesGoldenFile() throws IOException {
        Assertions.assertThat(generatedResource(compilation, MARKDOWN)).isEqualTo(golden("golden/telemetry-catalog.md"));
    }

    @Test
    void jsonIsWellFormedWithItsKeysInAFixedOrder() throws IOException {
        JsonNode catalog = MAPPER.readTree(generatedResource(compilation, JSON));

        Assertions.assertThat(fieldNames(catalog)).containsExactly("format", "schemaUrl", "methods");
        Assertions.assertThat(catalog.get("methods")).hasSize(19).allSatisfy(method -> {
            Assertions.assertThat(fieldNames(method)).containsExactly(
                    "class", "method", "signature", "annotation", "source", "span", "attributes", "events", "metrics");
            Assertions.assertThat(fieldNames(method.get("span"))).containsExactly("name", "kind", "kindWhenNested");
            Assertions.assertThat(fieldNames(method.get("attributes")))
                    .containsExactly("always", "whenAvailable", "contentCapture");
        });
    }

    @Test
    void methodsAreSortedByClassThenInSourceOrder() throws IOException {
        JsonNode methods = MAPPER.readTree(generatedResource(compilation, JSON)).get("methods");
        List<String> classes = new ArrayList<>();
        List<String> weatherAgent = new ArrayList<>();
        for (JsonNode method : methods) {
            classes.add(method.get("class").asText());
            if (method.get("class").asText().equals("com.acme.WeatherAgent")) {
                weatherAgent.add(method.get("method").asText());
            }
        }

        Assertions.assertThat(classes).isSorted().contains("com.acme.ShapesAgent", "com.acme.WeatherAgent.Inner");
        Assertions.assertThat(weatherAgent).containsExactly(
                "answer", "answer", "answer", "step", "think", "chat", "classify", "forecast", "temperatures", "averages");
    }

    @Test
    void sameSourcesInAnotherOrderGiveTheSameBytes() {
        Compilation reversed = Compilations.compile(
                JavaFileObjects.forResource("sources/com/acme/ShapesAgent.java"),
                JavaFileObjects.forResource("sources/com/acme/WeatherAgent.java"));

        Assertions.assertThat(generatedResource(reversed, JSON)).isEqualTo(generatedResource(compilation, JSON));
        Assertions.assertThat(generatedResource(reversed, MARKDOWN)).isEqualTo(generatedResource(compilation, MARKDOWN));
    }

    @Test
    void oddNamesAreEscapedInJsonAndFencedInMarkdown() throws IOException {
        Compilation odd = Compilations.compile(JavaFileObjects.forResource("sources/odd/OddNames.java"));
        String name = "say \"hi\" \\ to `you`\n\t\u0001 \u2028 é 😀 \uD800";

        assertThat(odd).succeeded();
        String json = generatedResource(odd, JSON);
        Assertions.assertThat(json).contains("\"invoke_agent say \\\"hi\\\" \\\\ to `you`\\n\\t\\u0001 \\u2028 é 😀 \\ud800\"");
        JsonNode methods = MAPPER.readTree(json).get("methods");
        Assertions.assertThat(methods.get(0).get("span").get("name").asText()).isEqualTo("invoke_agent " + name);
        Assertions.assertThat(methods.get(1).get("span").get("name").asText()).isEqualTo("chat ``tick``");
        Assertions.assertThat(methods.get(2).get("span").get("name").asText()).isEqualTo("execute_tool tock");
        Assertions.assertThat(generatedResource(odd, MARKDOWN))
                .contains("- Span: ``invoke_agent say \"hi\" \\ to `you`\\n\\t\\u0001 \\u2028 é 😀 \\ud800``, SERVER")
                .contains("- Span: ``` chat ``tick`` ```, CLIENT");
    }

    /**
     * A failed compilation's files are kept on disk by javac but not handed out by compile-testing,
     * so this one runs javac itself, as a build does.
     */
    @Test
    void classWithAnErrorHasNoEntryItsValidNeighbourHas(@TempDir Path output) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        boolean succeeded;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(output));
            JavaCompiler.CompilationTask task = javac.getTask(new StringWriter(), files, null,
                    List.of("-classpath", System.getProperty("java.class.path"), "-proc:only"), null,
                    files.getJavaFileObjects(source("sources/odd/Broken.java"), source("sources/com/acme/ShapesAgent.java")));
            task.setProcessors(List.of(new AgentOtelProcessor()));
            succeeded = task.call();
        }

        Assertions.assertThat(succeeded).isFalse();
        JsonNode methods = MAPPER.readTree(output.resolve(JSON).toFile()).get("methods");
        Assertions.assertThat(methods).isNotEmpty()
                .allSatisfy(method -> Assertions.assertThat(method.get("class").asText()).isEqualTo("com.acme.ShapesAgent"));
        Assertions.assertThat(Files.readString(output.resolve(MARKDOWN))).doesNotContain("Broken");
    }

    private static Path source(String resource) {
        try {
            return Path.of(CatalogTest.class.getClassLoader().getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutJavacsTreeApiTheSourceIsTheFileWithoutALine() throws IOException {
        Compilation wrapped = Compilations.compile(
                List.of(new RecordingProcessor()), JavaFileObjects.forResource("sources/com/acme/WeatherAgent.java"));

        JsonNode methods = MAPPER.readTree(generatedResource(wrapped, JSON)).get("methods");
        Assertions.assertThat(methods).extracting(method -> method.get("source").asText())
                .contains("com/acme/WeatherAgent.java")
                .allSatisfy(source -> Assertions.assertThat(source).isEqualTo("com/acme/WeatherAgent.java"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The text of a generated class-output resource, failing when it was not generated. */
    static String generatedResource(Compilation compilation, String name) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, name)
                .orElseThrow(() -> new AssertionError(name + " was not generated; generated: " + compilation.generatedFiles()));
        try (InputStream in = file.openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = CatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            Assertions.assertThat(in).as("golden file %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
