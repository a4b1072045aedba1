package dev.agentotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.agentotel.processor.Compilations.INNER_TELEMETRY;
import static dev.agentotel.processor.Compilations.WEATHER_AGENT_TELEMETRY;
import static dev.agentotel.processor.Compilations.compileWeatherAgent;
import static dev.agentotel.processor.Compilations.generatedSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the processor writes exactly the reviewed sources in {@code golden/} for the
 * representative {@code com.acme.WeatherAgent} and for {@code com.acme.ShapesAgent} (one
 * {@code @LlmCall} per supported return shape), that they compile without warnings, and that the
 * output is reproducible: same input, same bytes, no timestamp.
 */
class GoldenSourceTest {

    private static Compilation compilation;

    @BeforeAll
    static void compile() {
        compilation = compileWeatherAgent();
    }

    @Test
    void compilesWithoutWarningsUnderTheProjectsLintOptions() {
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void writesOneClassForTheAgentAndOneForItsNestedClass() {
        Assertions.assertThat(compilation.generatedSourceFiles())
                .extracting(JavaFileObject::getName)
                .containsExactlyInAnyOrder(
                        "/SOURCE_OUTPUT/com/acme/WeatherAgent_AgentTelemetry.java",
                        "/SOURCE_OUTPUT/com/acme/WeatherAgent_Inner_AgentTelemetry.java");
    }

    @Test
    void agentTelemetryMatchesGoldenFile() throws IOException {
        Assertions.assertThat(generatedSource(compilation, WEATHER_AGENT_TELEMETRY))
                .isEqualTo(golden("golden/com/acme/WeatherAgent_AgentTelemetry.java.txt"));
    }

    @Test
    void nestedClassTelemetryMatchesGoldenFile() throws IOException {
        Assertions.assertThat(generatedSource(compilation, INNER_TELEMETRY))
                .isEqualTo(golden("golden/com/acme/WeatherAgent_Inner_AgentTelemetry.java.txt"));
    }

    @Test
    void everyLlmCallShapeMatchesGoldenFileAndCompilesWithoutWarnings() throws IOException {
        Compilation shapes = Compilations.compile(JavaFileObjects.forResource("sources/com/acme/ShapesAgent.java"));

        assertThat(shapes).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(shapes, "com.acme.ShapesAgent_AgentTelemetry"))
                .isEqualTo(golden("golden/com/acme/ShapesAgent_AgentTelemetry.java.txt"));
    }

    @Test
    void compilingTwiceYieldsIdenticalSources() {
        Compilation again = compileWeatherAgent();

        Assertions.assertThat(generatedSource(again, WEATHER_AGENT_TELEMETRY))
                .isEqualTo(generatedSource(compilation, WEATHER_AGENT_TELEMETRY));
        Assertions.assertThat(generatedSource(again, INNER_TELEMETRY))
                .isEqualTo(generatedSource(compilation, INNER_TELEMETRY));
    }

    @Test
    void generatedAnnotationNamesOnlyTheProcessor() {
        for (String name : new String[] {WEATHER_AGENT_TELEMETRY, INNER_TELEMETRY}) {
            Assertions.assertThat(generatedSource(compilation, name).lines().filter(line -> line.contains("Generated(")))
                    .as("@Generated of %s: no date or comments, which would change with every build", name)
                    .containsExactly("@Generated(\"dev.agentotel.processor.AgentOtelProcessor\")");
        }
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = GoldenSourceTest.class.getClassLoader().getResourceAsStream(resource)) {
            Assertions.assertThat(in).as("golden file %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
