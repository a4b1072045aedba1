package dev.agentotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.openai.core.ObjectMappers;
import com.openai.core.http.Headers;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatText;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.completions.CompletionUsage;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.Tool;
import dev.agentotel.generated.AgentRunTelemetry;
import dev.agentotel.generated.GeneratedTelemetry;
import dev.agentotel.generated.IterationTelemetry;
import dev.agentotel.generated.LlmCallTelemetry;
import dev.agentotel.generated.LlmRequest;
import dev.agentotel.generated.LlmResponse;
import dev.agentotel.generated.MethodTelemetry;
import dev.agentotel.generated.ToolTelemetry;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the generated code behaves as the runtime SPI promises: the classes generated for
 * {@code com.acme.WeatherAgent} are compiled, loaded and called through {@link GeneratedTelemetry},
 * with real openai-java requests, responses and exceptions.
 */
class GeneratedBehaviourTest {

    private static final String CHAT_KEY = "chat(com.openai.models.chat.completions.ChatCompletionCreateParams)";

    private static CompiledClassLoader loader;
    private static GeneratedTelemetry agent;
    private static GeneratedTelemetry inner;

    @BeforeAll
    static void compileAndLoad() throws ReflectiveOperationException {
        Compilation compilation = Compilations.compileWeatherAgent();
        assertThat(compilation).succeeded();
        loader = new CompiledClassLoader(compilation, GeneratedBehaviourTest.class.getClassLoader());
        agent = instantiate(Compilations.WEATHER_AGENT_TELEMETRY);
        inner = instantiate(Compilations.INNER_TELEMETRY);
    }

    @Test
    void findsEveryAnnotatedMethodByTheKeyTheRuntimeComputes() throws ClassNotFoundException {
        Map<String, Class<?>> expected = new LinkedHashMap<>();
        for (Method method : loader.loadClass(Compilations.WEATHER_AGENT).getDeclaredMethods()) {
            Class<? extends MethodTelemetry> kind = expectedKind(method);
            if (kind != null) {
                expected.put(runtimeKey(method), kind);
            }
        }

        assertThat(expected).hasSize(10);
        expected.forEach((key, kind) -> assertThat(agent.find(key)).as(key).isInstanceOf(kind));
    }

    @Test
    void listsEveryInstrumentedMethodForWeaveVerificationAsReflectionSpellsIt() throws Exception {
        List<String> expected = new java.util.ArrayList<>();
        for (String className : List.of(Compilations.WEATHER_AGENT, Compilations.WEATHER_AGENT + "$Inner")) {
            for (Method method : loader.loadClass(className).getDeclaredMethods()) {
                if (expectedKind(method) != null && !method.isBridge()) {
                    expected.add(className + "#" + runtimeKey(method));
                }
            }
        }
        Compilation compilation = Compilations.compileWeatherAgent();
        String listed = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, AgentOtelProcessor.JOIN_POINTS)
                .orElseThrow(() -> new AssertionError("no " + AgentOtelProcessor.JOIN_POINTS))
                .getCharContent(false).toString();

        assertThat(expected).hasSize(11);
        assertThat(listed.lines()).containsExactlyInAnyOrderElementsOf(expected).isSorted();
    }

    @Test
    void findsTheNestedClassMethodInItsOwnGeneratedClass() throws ClassNotFoundException, NoSuchMethodException {
        Class<?> innerClass = loader.loadClass(Compilations.WEATHER_AGENT + "$Inner");
        Class<?> unit = loader.loadClass(Compilations.WEATHER_AGENT + "$Unit");
        String key = runtimeKey(innerClass.getDeclaredMethod("alerts", CharSequence.class, unit));

        assertThat(key).isEqualTo("alerts(java.lang.CharSequence,com.acme.WeatherAgent$Unit)");
        assertThat(inner.find(key)).isInstanceOf(ToolTelemetry.class);
        assertThat(agent.find(key)).isNull();
    }

    @Test
    void returnsNullForUnknownAndUnannotatedMethods() {
        assertThat(agent.find("nope()")).isNull();
        assertThat(agent.find("describe()")).isNull();
        assertThat(agent.find("answer(java.lang.String)")).isNull();
    }

    @Test
    void agentRunWithStringSessionCarriesAnnotationValuesAndReadsArguments() {
        AgentRunTelemetry run = (AgentRunTelemetry) agent.find("answer(java.lang.String,java.lang.String)");
        Object[] args = {"session-1", "Will it rain in Paris?"};

        assertThat(run.agentName()).isEqualTo("weather-agent");
        assertThat(run.agentId()).isEqualTo("agent-42");
        assertThat(run.description()).isEqualTo("Answers questions about the weather");
        assertThat(run.maxIterations()).isEqualTo(4);
        assertThat(run.provider()).isEqualTo("openai");
        assertThat(run.sessionId(args)).isEqualTo("session-1");
        assertThat(run.userQuery(args)).hasToString("Will it rain in Paris?");
        assertThat(run.sessionId(new Object[] {null, null})).isNull();
        assertThat(run.userQuery(new Object[] {null, null})).isNull();
        assertThat(run.finalAnswerLength("abc")).isEqualTo(3);
        assertThat(run.finalAnswerLength(null)).isEqualTo(-1);
    }

    @Test
    void annotationValuesWithLineSeparatorsAndUnpairedSurrogatesKeepTheirValue() throws ReflectiveOperationException {
        Compilation compilation = Compilations.compile(JavaFileObjects.forResource("sources/odd/OddNames.java"));
        assertThat(compilation).succeededWithoutWarnings();
        GeneratedTelemetry odd = (GeneratedTelemetry) new CompiledClassLoader(compilation, getClass().getClassLoader())
                .loadClass("odd.OddNames_AgentTelemetry").getConstructor().newInstance();

        assertThat(((AgentRunTelemetry) odd.find("run()")).agentName())
                .isEqualTo("say \"hi\" \\ to `you`\n\t\u0001 \u2028 é 😀 \uD800");
        assertThat(((LlmCallTelemetry<?>) odd.find("tick()")).model()).isEqualTo("``tick``");
        assertThat(((ToolTelemetry) odd.find("tock()")).description()).isEqualTo("``tock`` \u2028 \uDC00");
    }

    @Test
    void agentRunWithUuidSessionUsesItsTextAndTheAnnotationDefaults() {
        AgentRunTelemetry run = (AgentRunTelemetry) agent.find("answer(java.util.UUID,java.lang.String,java.lang.String)");
        UUID session = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        assertThat(run.agentName()).isEqualTo("weather-agent-by-uuid");
        assertThat(run.agentId()).isEmpty();
        assertThat(run.description()).isEmpty();
        assertThat(run.maxIterations()).isEqualTo(10);
        assertThat(run.provider()).isEmpty();
        assertThat(run.sessionId(new Object[] {session, "query", "secret"}))
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(run.userQuery(new Object[] {session, "query", "secret"})).hasToString("query");
    }

    @Test
    void agentRunWithLongSessionAndNoAnswerReadsOnlyTheSession() {
        AgentRunTelemetry run = (AgentRunTelemetry) agent.find("answer(long)");

        assertThat(run.agentName()).isEqualTo("weather-agent-by-number");
        assertThat(run.sessionId(new Object[] {42L})).isEqualTo("42");
        assertThat(run.userQuery(new Object[] {42L})).isNull();
        assertThat(run.finalAnswerLength("abc")).isEqualTo(-1);
    }

    @Test
    void booleanIterationReportsCompletionAsReturned() {
        IterationTelemetry step = (IterationTelemetry) agent.find("step(int)");

        assertThat(step.completed(true)).isTrue();
        assertThat(step.completed(false)).isFalse();
        assertThat(step.completed(null)).isNull();
    }

    @Test
    void optionalIterationIsCompletedWhenTheAnswerIsPresent() {
        IterationTelemetry think = (IterationTelemetry) agent.find("think(java.util.List)");

        assertThat(think.completed(Optional.of("sunny"))).isTrue();
        assertThat(think.completed(Optional.empty())).isFalse();
        assertThat(think.completed(null)).isNull();
    }

    @Test
    void llmCallCarriesAnnotationValues() {
        LlmCallTelemetry<ChatCompletion> chat = llmCall(CHAT_KEY);
        LlmCallTelemetry<ChatCompletion> classify = llmCall("classify()");

        assertThat(chat.operation()).isEqualTo("chat");
        assertThat(chat.provider()).isEqualTo("openai");
        assertThat(chat.model()).isEmpty();
        assertThat(classify.operation()).isEqualTo("chat");
        assertThat(classify.provider()).isEqualTo("openai");
        assertThat(classify.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    @SuppressWarnings("deprecation") // seed is deprecated by OpenAI, still sent and still recorded
    void llmCallReadsEveryRequestAttribute() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .temperature(0.2)
                .topP(0.9)
                .maxCompletionTokens(100)
                .frequencyPenalty(0.1)
                .presencePenalty(0.3)
                .stop("END")
                .seed(7)
                .n(1)
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .addUserMessage("hi")
                .build();
        RecordingRequest request = new RecordingRequest();

        llmCall(CHAT_KEY).request(new Object[] {params}, request);

        assertThat(request.values).containsExactly(
                entry("model", "gpt-4o"),
                entry("temperature", 0.2),
                entry("topP", 0.9),
                entry("maxTokens", 100L),
                entry("frequencyPenalty", 0.1),
                entry("presencePenalty", 0.3),
                entry("stopSequences", List.of("END")),
                entry("seed", 7L),
                entry("choiceCount", 1L),
                entry("outputType", "json"));
    }

    @Test
    void llmCallReadsTextOutputType() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .responseFormat(ResponseFormatText.builder().build())
                .addUserMessage("hi")
                .build();
        RecordingRequest request = new RecordingRequest();

        llmCall(CHAT_KEY).request(new Object[] {params}, request);

        assertThat(request.values).containsExactly(entry("model", "gpt-4o"), entry("outputType", "text"));
    }

    @Test
    @SuppressWarnings("deprecation") // max_tokens is what older clients send
    void llmCallFallsBackToDeprecatedMaxTokens() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .maxTokens(50)
                .addUserMessage("hi")
                .build();
        RecordingRequest request = new RecordingRequest();

        llmCall(CHAT_KEY).request(new Object[] {params}, request);

        assertThat(request.values).containsExactly(entry("model", "gpt-4o"), entry("maxTokens", 50L));
    }

    @Test
    void llmCallReadsSeveralStopSequences() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .stopOfStrings(List.of("a", "b"))
                .addUserMessage("hi")
                .build();
        RecordingRequest request = new RecordingRequest();

        llmCall(CHAT_KEY).request(new Object[] {params}, request);

        assertThat(request.values).containsExactly(entry("model", "gpt-4o"), entry("stopSequences", List.of("a", "b")));
    }

    @Test
    void llmCallReadsNothingFromANullRequest() {
        RecordingRequest request = new RecordingRequest();

        llmCall(CHAT_KEY).request(new Object[] {null}, request);

        assertThat(request.values).isEmpty();
    }

    @Test
    void llmCallWithoutRequestParameterReadsNoRequest() {
        RecordingRequest request = new RecordingRequest();

        llmCall("classify()").request(new Object[0], request);

        assertThat(request.values).isEmpty();
    }

    @Test
    @SuppressWarnings("deprecation") // system_fingerprint is deprecated by OpenAI, still sent and still recorded
    void llmCallReadsEveryResponseAttribute() {
        ChatCompletion completion = completion()
                .usage(CompletionUsage.builder()
                        .promptTokens(120)
                        .completionTokens(30)
                        .totalTokens(150)
                        .promptTokensDetails(CompletionUsage.PromptTokensDetails.builder().cachedTokens(64).build())
                        .build())
                .serviceTier(ChatCompletion.ServiceTier.DEFAULT)
                .systemFingerprint("fp_44709d6fcb")
                .build();
        RecordingResponse response = new RecordingResponse();

        llmCall(CHAT_KEY).response(completion, response);

        assertThat(response.values).containsExactly(
                entry("inputTokens", 120L),
                entry("outputTokens", 30L),
                entry("cacheReadInputTokens", 64L),
                entry("model", "gpt-4o-2024-08-06"),
                entry("id", "chatcmpl-123"),
                entry("finishReasons", List.of("stop", "length")),
                entry("serviceTier", "default"),
                entry("systemFingerprint", "fp_44709d6fcb"));
    }

    @Test
    void llmCallReadsOnlyWhatAMinimalResponseHas() {
        RecordingResponse response = new RecordingResponse();

        llmCall("classify()").response(completion().build(), response);

        assertThat(response.values).containsExactly(
                entry("model", "gpt-4o-2024-08-06"),
                entry("id", "chatcmpl-123"),
                entry("finishReasons", List.of("stop", "length")));
    }

    @Test
    void llmCallReadsUsageAndModelFromAResponseWithMissingOrNullFields() throws IOException {
        // No id, and a null finish reason: openai-java's plain getters would throw on both.
        ChatCompletion completion = ObjectMappers.jsonMapper().readValue("""
                {"object": "chat.completion", "created": 1700000000, "model": "gpt-4o",
                 "choices": [
                   {"index": 0, "finish_reason": null, "message": {"role": "assistant", "content": "Hi"}},
                   {"index": 1, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hi"}}],
                 "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}}
                """, ChatCompletion.class);
        RecordingResponse response = new RecordingResponse();

        llmCall(CHAT_KEY).response(completion, response);

        assertThat(response.values).containsExactly(
                entry("inputTokens", 12L),
                entry("outputTokens", 3L),
                entry("model", "gpt-4o"),
                entry("finishReasons", List.of("stop")));
    }

    @Test
    void llmCallReadsNothingFromANullResponse() {
        RecordingResponse response = new RecordingResponse();

        llmCall(CHAT_KEY).response(null, response);

        assertThat(response.values).isEmpty();
    }

    @Test
    void llmCallErrorTypeIsTheStatusCodeOfOpenAiServiceErrors() {
        LlmCallTelemetry<ChatCompletion> chat = llmCall(CHAT_KEY);
        Headers headers = Headers.builder().build();

        assertThat(chat.errorType(RateLimitException.builder().headers(headers).build())).isEqualTo("429");
        assertThat(chat.errorType(UnexpectedStatusCodeException.builder().statusCode(503).headers(headers).build()))
                .isEqualTo("503");
        assertThat(chat.errorType(new IllegalStateException("boom"))).isNull();
    }

    @Test
    void toolNamedAfterItsMethodReadsCallIdAndCollectionSize() {
        ToolTelemetry forecast = (ToolTelemetry) agent.find("forecast(java.lang.String,java.lang.String,int)");

        assertThat(forecast.toolName()).isEqualTo("forecast");
        assertThat(forecast.description()).isEqualTo("Forecast for the next days");
        assertThat(forecast.toolCallId(new Object[] {"call_abc", "Paris", 3})).isEqualTo("call_abc");
        assertThat(forecast.toolCallId(new Object[] {null, "Paris", 3})).isNull();
        assertThat(forecast.resultCount(List.of("sun", "rain", "snow"))).isEqualTo(3);
        assertThat(forecast.resultCount(null)).isEqualTo(-1);
    }

    @Test
    void toolWithExplicitNameCountsPrimitiveArrayResults() {
        ToolTelemetry temperatures =
                (ToolTelemetry) agent.find("temperatures(java.lang.String[],com.acme.WeatherAgent$Unit)");

        assertThat(temperatures.toolName()).isEqualTo("hourly_temperatures");
        assertThat(temperatures.description()).isEmpty();
        assertThat(temperatures.toolCallId(new Object[] {new String[] {"Paris"}, null})).isNull();
        assertThat(temperatures.resultCount(new int[] {12, 14, 15, 13})).isEqualTo(4);
        assertThat(temperatures.resultCount(null)).isEqualTo(-1);
    }

    @Test
    void toolCountsMapResults() {
        ToolTelemetry averages = (ToolTelemetry) agent.find("averages(java.util.Map,double[][])");

        assertThat(averages.toolName()).isEqualTo("averages");
        assertThat(averages.resultCount(Map.of("Paris", 14.5, "Oslo", 3.0))).isEqualTo(2);
        assertThat(averages.resultCount(null)).isEqualTo(-1);
    }

    @Test
    void nestedClassToolReadsCharSequenceCallIdAndCountsObjectArrayResults() {
        ToolTelemetry alerts = (ToolTelemetry) inner.find("alerts(java.lang.CharSequence,com.acme.WeatherAgent$Unit)");

        assertThat(alerts.toolName()).isEqualTo("alerts");
        assertThat(alerts.description()).isEqualTo("Weather alerts for a region");
        assertThat(alerts.toolCallId(new Object[] {new StringBuilder("call_xyz"), null})).isEqualTo("call_xyz");
        assertThat(alerts.resultCount(new String[] {"storm", "flood"})).isEqualTo(2);
        assertThat(alerts.resultCount(null)).isEqualTo(-1);
    }

    @Test
    void interfaceMethodsWithBodiesAreFoundInTheInterfacesGeneratedClass() throws ReflectiveOperationException {
        Compilation compilation = Compilations.compile(JavaFileObjects.forSourceString("com.acme.Toolbox", """
                package com.acme;

                import dev.agentotel.annotations.Tool;
                import dev.agentotel.annotations.ToolCallId;

                public interface Toolbox {
                    @Tool
                    default String lookup(@ToolCallId String callId, String city) {
                        return normalize(city);
                    }

                    @Tool(name = "forecast_city")
                    static String forecast(String city) {
                        return city;
                    }

                    @Tool
                    private String normalize(String city) {
                        return city;
                    }
                }
                """));
        assertThat(compilation).succeeded();
        CompiledClassLoader toolboxLoader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        Class<?> toolbox = toolboxLoader.loadClass("com.acme.Toolbox");
        // The weaver looks up an interface method's descriptor by the interface, its declaring type.
        GeneratedTelemetry generated = (GeneratedTelemetry) toolboxLoader.loadClass("com.acme.Toolbox_AgentTelemetry")
                .getDeclaredConstructor().newInstance();

        ToolTelemetry lookup = (ToolTelemetry) generated.find(
                runtimeKey(toolbox.getDeclaredMethod("lookup", String.class, String.class)));
        ToolTelemetry forecast = (ToolTelemetry) generated.find(runtimeKey(toolbox.getDeclaredMethod("forecast", String.class)));
        ToolTelemetry normalize = (ToolTelemetry) generated.find(runtimeKey(toolbox.getDeclaredMethod("normalize", String.class)));

        assertThat(lookup.toolName()).isEqualTo("lookup");
        assertThat(lookup.toolCallId(new Object[] {"call_1", "Paris"})).isEqualTo("call_1");
        assertThat(forecast.toolName()).isEqualTo("forecast_city");
        assertThat(normalize.toolName()).isEqualTo("normalize");
    }

    private static GeneratedTelemetry instantiate(String className) throws ReflectiveOperationException {
        return (GeneratedTelemetry) loader.loadClass(className).getDeclaredConstructor().newInstance();
    }

    @SuppressWarnings("unchecked")
    private static LlmCallTelemetry<ChatCompletion> llmCall(String key) {
        return (LlmCallTelemetry<ChatCompletion>) agent.find(key);
    }

    /** The key the runtime looks a method up by, computed the way the weaver computes it. */
    private static String runtimeKey(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .map(Class::getTypeName)
                .collect(Collectors.joining(",", method.getName() + "(", ")"));
    }

    private static Class<? extends MethodTelemetry> expectedKind(Method method) {
        if (method.isAnnotationPresent(AgentRun.class)) {
            return AgentRunTelemetry.class;
        }
        if (method.isAnnotationPresent(Iteration.class)) {
            return IterationTelemetry.class;
        }
        if (method.isAnnotationPresent(LlmCall.class)) {
            return LlmCallTelemetry.class;
        }
        if (method.isAnnotationPresent(Tool.class)) {
            return ToolTelemetry.class;
        }
        return null;
    }

    /** A completion with two choices, finished by {@code stop} and {@code length}, and nothing optional. */
    private static ChatCompletion.Builder completion() {
        return ChatCompletion.builder()
                .id("chatcmpl-123")
                .created(1_700_000_000L)
                .model("gpt-4o-2024-08-06")
                .addChoice(choice(0, ChatCompletion.Choice.FinishReason.STOP))
                .addChoice(choice(1, ChatCompletion.Choice.FinishReason.LENGTH));
    }

    private static ChatCompletion.Choice choice(long index, ChatCompletion.Choice.FinishReason finishReason) {
        return ChatCompletion.Choice.builder()
                .index(index)
                .finishReason(finishReason)
                .logprobs(Optional.empty())
                .message(ChatCompletionMessage.builder().content("Sunny").refusal(Optional.empty()).build())
                .build();
    }

    /** Records each value it receives, failing when one is received twice. */
    private static class Recorder {

        final Map<String, Object> values = new LinkedHashMap<>();

        void record(String name, Object value) {
            assertThat(values.put(name, value)).as("%s received twice", name).isNull();
        }
    }

    private static final class RecordingRequest extends Recorder implements LlmRequest {

        @Override
        public void model(String model) {
            record("model", model);
        }

        @Override
        public void temperature(Double temperature) {
            record("temperature", temperature);
        }

        @Override
        public void topP(Double topP) {
            record("topP", topP);
        }

        @Override
        public void maxTokens(Long maxTokens) {
            record("maxTokens", maxTokens);
        }

        @Override
        public void frequencyPenalty(Double frequencyPenalty) {
            record("frequencyPenalty", frequencyPenalty);
        }

        @Override
        public void presencePenalty(Double presencePenalty) {
            record("presencePenalty", presencePenalty);
        }

        @Override
        public void stopSequences(List<String> stopSequences) {
            record("stopSequences", stopSequences);
        }

        @Override
        public void seed(Long seed) {
            record("seed", seed);
        }

        @Override
        public void choiceCount(Long choiceCount) {
            record("choiceCount", choiceCount);
        }

        @Override
        public void outputType(String outputType) {
            record("outputType", outputType);
        }
    }

    private static final class RecordingResponse extends Recorder implements LlmResponse {

        @Override
        public void id(String id) {
            record("id", id);
        }

        @Override
        public void model(String model) {
            record("model", model);
        }

        @Override
        public void finishReasons(List<String> finishReasons) {
            record("finishReasons", finishReasons);
        }

        @Override
        public void inputTokens(Long inputTokens) {
            record("inputTokens", inputTokens);
        }

        @Override
        public void outputTokens(Long outputTokens) {
            record("outputTokens", outputTokens);
        }

        @Override
        public void cacheReadInputTokens(Long cacheReadInputTokens) {
            record("cacheReadInputTokens", cacheReadInputTokens);
        }

        @Override
        public void serviceTier(String serviceTier) {
            record("serviceTier", serviceTier);
        }

        @Override
        public void systemFingerprint(String systemFingerprint) {
            record("systemFingerprint", systemFingerprint);
        }
    }
}
