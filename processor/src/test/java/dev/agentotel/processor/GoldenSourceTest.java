package dev.agentotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.agentotel.processor.Compilations.INNER_TELEMETRY;
import static dev.agentotel.processor.Compilations.WEATHER_AGENT_TELEMETRY;
import static dev.agentotel.processor.Compilations.compileWeatherAgent;
import static dev.agentotel.processor.Compilations.generatedSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.agentotel.processor.model.LlmShape;
import dev.agentotel.processor.model.MethodDescriptor;
import dev.agentotel.processor.model.SpanAnnotation;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeInfo;
import dev.agentotel.processor.model.ValueType;
import dev.agentotel.processor.read.TypeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the processor writes exactly the reviewed sources in {@code golden/} for the
 * representative {@code com.acme.WeatherAgent} (every span kind and marker) and for
 * {@code com.acme.ShapesAgent} (one {@code @LlmCall} per supported return shape), and the
 * openai-java readers their package shares, that together they cover every span kind and return
 * shape, that they compile without warnings and import only what they use, and that the output is
 * reproducible: same input, same bytes, no timestamp.
 */
class GoldenSourceTest {

    private static final List<String> GOLDEN_SOURCES = List.of(
            "golden/com/acme/WeatherAgent_AgentTelemetry.java.txt",
            "golden/com/acme/WeatherAgent_Inner_AgentTelemetry.java.txt",
            "golden/com/acme/ShapesAgent_AgentTelemetry.java.txt",
            "golden/com/acme/AgentTelemetry_OpenAiReaders.java.txt");

    private static final String READERS = "com.acme.AgentTelemetry_OpenAiReaders";

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
    void writesOneClassForTheAgentOneForItsNestedClassAndTheReadersOfTheirPackage() {
        Assertions.assertThat(compilation.generatedSourceFiles())
                .extracting(JavaFileObject::getName)
                .containsExactlyInAnyOrder(
                        "/SOURCE_OUTPUT/com/acme/WeatherAgent_AgentTelemetry.java",
                        "/SOURCE_OUTPUT/com/acme/WeatherAgent_Inner_AgentTelemetry.java",
                        "/SOURCE_OUTPUT/com/acme/AgentTelemetry_OpenAiReaders.java");
    }

    @Test
    void readersMatchGoldenFile() throws IOException {
        Assertions.assertThat(generatedSource(compilation, READERS))
                .isEqualTo(golden("golden/com/acme/AgentTelemetry_OpenAiReaders.java.txt"));
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
        Assertions.assertThat(generatedSource(shapes, READERS))
                .as("another module's readers for the same package: the same bytes, whichever readers it uses")
                .isEqualTo(generatedSource(compilation, READERS));
    }

    @Test
    void packagesTogetherWriteTheReadersOncePerPackage() {
        Compilation both = Compilations.compile(JavaFileObjects.forResource("sources/com/acme/WeatherAgent.java"),
                JavaFileObjects.forResource("sources/com/acme/ShapesAgent.java"),
                JavaFileObjects.forSourceString("com.acme.other.ChatAgent", """
                        package com.acme.other;

                        import com.openai.models.chat.completions.ChatCompletion;
                        import com.openai.models.chat.completions.ChatCompletionCreateParams;
                        import dev.agentotel.annotations.LlmCall;

                        public class ChatAgent {
                            @LlmCall
                            ChatCompletion chat(ChatCompletionCreateParams params) {
                                return null;
                            }
                        }
                        """));

        assertThat(both).succeededWithoutWarnings();
        Assertions.assertThat(both.generatedSourceFiles())
                .extracting(JavaFileObject::getName)
                .filteredOn(name -> name.endsWith("/AgentTelemetry_OpenAiReaders.java"))
                .containsExactlyInAnyOrder(
                        "/SOURCE_OUTPUT/com/acme/AgentTelemetry_OpenAiReaders.java",
                        "/SOURCE_OUTPUT/com/acme/other/AgentTelemetry_OpenAiReaders.java");
        Assertions.assertThat(generatedSource(both, "com.acme.other.AgentTelemetry_OpenAiReaders"))
                .isEqualTo(generatedSource(compilation, READERS).replace("package com.acme;", "package com.acme.other;"));
    }

    @Test
    void noReadersForAPackageThatReadsNoOpenAiType() {
        Compilation noOpenAi = Compilations.compile(JavaFileObjects.forSourceString("test.Agent", """
                package test;

                import dev.agentotel.annotations.LlmCall;
                import dev.agentotel.annotations.Tool;
                import dev.agentotel.telemetry.GenAiResponse;

                public class Agent {
                    @Tool
                    public String lookup(String city) {
                        return city;
                    }

                    @LlmCall(model = "local")
                    public Reply ask(String question) {
                        return null;
                    }

                    public interface Reply extends GenAiResponse {}
                }
                """));

        assertThat(noOpenAi).succeededWithoutWarnings();
        Assertions.assertThat(noOpenAi.generatedSourceFiles())
                .extracting(JavaFileObject::getName)
                .containsExactly("/SOURCE_OUTPUT/test/Agent_AgentTelemetry.java");
    }

    @Test
    void compilingTwiceYieldsIdenticalSources() {
        Compilation again = compileWeatherAgent();

        Assertions.assertThat(generatedSource(again, WEATHER_AGENT_TELEMETRY))
                .isEqualTo(generatedSource(compilation, WEATHER_AGENT_TELEMETRY));
        Assertions.assertThat(generatedSource(again, INNER_TELEMETRY))
                .isEqualTo(generatedSource(compilation, INNER_TELEMETRY));
        Assertions.assertThat(generatedSource(again, READERS))
                .isEqualTo(generatedSource(compilation, READERS));
    }

    @Test
    void generatedAnnotationNamesOnlyTheProcessor() {
        for (String name : new String[] {WEATHER_AGENT_TELEMETRY, INNER_TELEMETRY, READERS}) {
            Assertions.assertThat(generatedSource(compilation, name).lines().filter(line -> line.contains("Generated(")))
                    .as("@Generated of %s: no date or comments, which would change with every build", name)
                    .containsExactly("@Generated(\"dev.agentotel.processor.AgentOtelProcessor\")");
        }
    }

    @Test
    void goldenSourcesCoverEverySpanKindAndEveryLlmCallReturnShape() {
        ShapeCollector collector = new ShapeCollector();

        assertThat(Compilations.compile(List.of(collector), JavaFileObjects.forResource("sources/com/acme/WeatherAgent.java"),
                JavaFileObjects.forResource("sources/com/acme/ShapesAgent.java"))).succeeded();

        Assertions.assertThat(collector.kinds).containsExactlyInAnyOrder(SpanKind.values());
        Assertions.assertThat(collector.shapes).containsExactlyInAnyOrderElementsOf(supportedShapes());
    }

    @Test
    void generatedSourcesImportOnlyWhatTheyUse() throws IOException {
        for (String resource : GOLDEN_SOURCES) {
            String source = golden(resource);
            String body = source.substring(source.indexOf("\n\n/**"));
            Assertions.assertThat(source.lines().filter(line -> line.startsWith("import ")))
                    .as("imports of %s", resource)
                    .isNotEmpty()
                    .allSatisfy(line -> {
                        String simpleName = line.substring(line.lastIndexOf('.') + 1, line.length() - 1);
                        Assertions.assertThat(Pattern.compile("\\b" + simpleName + "\\b").matcher(body).find())
                                .as("%s uses %s", resource, line)
                                .isTrue();
                    });
        }
    }

    @Test
    void everyDescriptorLinksItsSourceMethodWithTheTypesAsWritten() throws IOException {
        String source = golden("golden/com/acme/WeatherAgent_AgentTelemetry.java.txt");

        Assertions.assertThat(source)
                .contains("{@code @AgentRun} on {@link WeatherAgent#answer(UUID, String, String)}.")
                .contains("{@code @Tool} on {@link WeatherAgent#temperatures(String[], WeatherAgent.Unit)}.")
                .contains("{@code @Tool} on {@link WeatherAgent#averages(Map, double[][])}.");
        Assertions.assertThat(source.lines().filter(line -> line.contains("private static final ")).count())
                .isEqualTo(source.lines().filter(line -> line.contains("} on {@link WeatherAgent#")).count());
    }

    /** Every shape {@link LlmShape#of} accepts, whatever the type is called. */
    private static Set<LlmShape> supportedShapes() {
        Set<LlmShape> shapes = new HashSet<>();
        for (ValueType value : ValueType.values()) {
            TypeInfo type = new TypeInfo("T", value);
            LlmShape.of(type).ifPresent(shapes::add);
            LlmShape.of(new TypeInfo("F<T>", ValueType.FUTURE, null, type)).ifPresent(shapes::add);
            LlmShape.of(new TypeInfo("S<T>", ValueType.STREAM_RESPONSE, null, type)).ifPresent(shapes::add);
        }
        return shapes;
    }

    /** Reads the compiled classes as the processor does and records their span kinds and return shapes. */
    private static final class ShapeCollector extends AnyAnnotationProcessor {

        final Set<SpanKind> kinds = EnumSet.noneOf(SpanKind.class);
        final Set<LlmShape> shapes = new HashSet<>();

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            TypeReader reader = new TypeReader(processingEnv);
            List<TypeElement> types = new ArrayList<>(ElementFilter.typesIn(round.getRootElements()));
            while (!types.isEmpty()) {
                TypeElement type = types.remove(types.size() - 1);
                types.addAll(ElementFilter.typesIn(type.getEnclosedElements()));
                for (MethodDescriptor method : reader.read(type).methods()) {
                    for (SpanAnnotation span : method.spans()) {
                        kinds.add(span.kind());
                        if (span.kind() == SpanKind.LLM_CALL) {
                            shapes.add(LlmShape.of(method.returnType()).orElseThrow());
                        }
                    }
                }
            }
            return false;
        }
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = GoldenSourceTest.class.getClassLoader().getResourceAsStream(resource)) {
            Assertions.assertThat(in).as("golden file %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
