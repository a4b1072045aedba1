package dev.agentotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.agentotel.processor.Compilations.generatedSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.agentotel.processor.model.LlmShape;
import dev.agentotel.processor.validate.Message;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves that every diagnostic of {@link Message} is reported once, with its id and full text, on
 * the line that holds the mistake, and that nothing is generated for a class with an error; and
 * that valid uses compile without any diagnostic. A message that no test asserts fails the class.
 */
class DiagnosticsTest {

    /** Ids of the messages asserted by the tests run so far. */
    private static final Set<String> ASSERTED_IDS = ConcurrentHashMap.newKeySet();
    /** Names of the test methods run so far. */
    private static final Set<String> RUN_TESTS = ConcurrentHashMap.newKeySet();

    private static final String LLM_RETURNS = LlmShape.SUPPORTED;
    private static final String SESSION_ID_TYPES =
            "String (or another CharSequence), java.util.UUID, long, Long, int or Integer";
    private static final String TEXT_TYPES = "String (or another CharSequence)";

    private static final String HEADER = """
            package test;

            import com.openai.core.http.StreamResponse;
            import com.openai.models.chat.completions.*;
            import dev.agentotel.annotations.*;
            import java.util.*;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;

            """;

    private final RecordingProcessor processor = new RecordingProcessor();

    @AfterEach
    void recordRun(TestInfo test) {
        RUN_TESTS.add(test.getTestMethod().orElseThrow().getName());
    }

    /** Skipped when only some tests ran (a -Dtest=Class#method run), which proves nothing either way. */
    @AfterAll
    static void everyMessageIsAssertedByATest() {
        boolean allRan = Arrays.stream(DiagnosticsTest.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Test.class)
                        || method.isAnnotationPresent(ParameterizedTest.class))
                .map(Method::getName)
                .allMatch(RUN_TESTS::contains);
        if (allRan) {
            Assertions.assertThat(ASSERTED_IDS).as("ids of messages asserted by a test")
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Message.values()).map(Message::id)
                            .collect(Collectors.toList()));
        }
    }

    @Test
    void messageIdsAreUniqueAndNumberedInOrder() {
        Assertions.assertThat(Arrays.stream(Message.values()).map(Message::id))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, Message.values().length)
                        .mapToObj(number -> String.format("AGENTOTEL-%03d", number))
                        .collect(Collectors.toList()));
    }

    @Test
    void spanAnnotationsCombined() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    @Iteration
                    public boolean step() {
                        return true;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-001",
                Message.SPAN_ANNOTATIONS_COMBINED.format("Tool", "Iteration"), "@Iteration");
    }

    @Test
    void abstractMethod() {
        JavaFileObject source = source("""
                public abstract class Agent {
                    @Iteration
                    public abstract boolean step();
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-002",
                Message.ABSTRACT_METHOD.format("Iteration"), "@Iteration");
    }

    @Test
    void abstractMethodWithTwoSpanAnnotationsIsReportedOncePerMistake() {
        JavaFileObject source = source("""
                public abstract class Agent {
                    @Tool
                    @Iteration
                    public abstract boolean step();
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(2);
        assertError(compilation, source, "AGENTOTEL-001",
                Message.SPAN_ANNOTATIONS_COMBINED.format("Tool", "Iteration"), "@Iteration");
        assertError(compilation, source, "AGENTOTEL-002", Message.ABSTRACT_METHOD.format("Tool"), "@Tool");
    }

    @Test
    void interfaceMethod() {
        JavaFileObject source = source("""
                public interface Agent {
                    @Tool
                    String lookup(String city);
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-003",
                Message.INTERFACE_METHOD.format("Tool", "Agent"), "@Tool");
    }

    @Test
    void annotationTypeElement() {
        JavaFileObject source = source("""
                public @interface Agent {
                    @Tool
                    String lookup();
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-003",
                Message.INTERFACE_METHOD.format("Tool", "Agent"), "@Tool");
    }

    @Test
    void interfaceMethodsWithBodiesAreInstrumented() {
        JavaFileObject source = source("""
                public interface Agent {
                    @Tool
                    default String lookup(@ToolCallId String callId, String city) {
                        return normalize(city);
                    }

                    @Tool(name = "forecast")
                    static String forecast(String city) {
                        return city;
                    }

                    @Tool
                    private String normalize(String city) {
                        return city.trim();
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry")).contains(
                "case \"lookup(java.lang.String,java.lang.String)\":",
                "case \"forecast(java.lang.String)\":",
                "case \"normalize(java.lang.String)\":",
                "public String toolCallId(Object[] args)");
    }

    @Test
    void nativeMethod() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    public native String lookup(String city);
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-004",
                Message.NATIVE_METHOD.format("Tool"), "@Tool");
    }

    @Test
    void llmCallReturningString() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public String chat(ChatCompletionCreateParams params) {
                        return "";
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-005",
                Message.LLM_CALL_UNSUPPORTED_RETURN.format("java.lang.String", LLM_RETURNS),
                "public String chat(ChatCompletionCreateParams params)");
    }

    @Test
    void llmCallReturningVoid() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public void chat(ChatCompletionCreateParams params) {
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-005",
                Message.LLM_CALL_UNSUPPORTED_RETURN.format("void", LLM_RETURNS),
                "public void chat(ChatCompletionCreateParams params)");
    }

    @Test
    void llmCallReturningSupportedListsEverySupportedShape() {
        Assertions.assertThat(LLM_RETURNS).contains(
                "com.openai.models.chat.completions.ChatCompletion",
                "com.openai.core.http.StreamResponse<com.openai.models.chat.completions.ChatCompletionChunk>",
                "com.openai.models.embeddings.CreateEmbeddingResponse",
                "com.openai.models.responses.Response",
                "dev.agentotel.telemetry.GenAiResponse",
                "java.util.concurrent.CompletableFuture");
    }

    @Test
    void llmCallReturningStreamOfOtherEvents() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public StreamResponse<String> stream(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-005",
                Message.LLM_CALL_UNSUPPORTED_RETURN.format(
                        "com.openai.core.http.StreamResponse<java.lang.String>", LLM_RETURNS),
                "public StreamResponse<String> stream(");
    }

    @Test
    void llmCallReturningFutureOfUnreadableType() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public CompletableFuture<String> chatAsync(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-005",
                Message.LLM_CALL_UNSUPPORTED_RETURN.format(
                        "java.util.concurrent.CompletableFuture<java.lang.String>", LLM_RETURNS),
                "public CompletableFuture<String> chatAsync(");
    }

    @Test
    void llmCallReturningObject() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public Object chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-005",
                Message.LLM_CALL_UNSUPPORTED_RETURN.format("java.lang.Object", LLM_RETURNS),
                "public Object chat(ChatCompletionCreateParams params)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<T> T | T",
        "<T extends Object> T | T",
        "<T extends Comparable<T>> T | T",
        "@SuppressWarnings(\"rawtypes\") CompletableFuture | java.util.concurrent.CompletableFuture",
        "CompletableFuture<?> | java.util.concurrent.CompletableFuture<?>",
        "<T> CompletableFuture<T> | java.util.concurrent.CompletableFuture<T>",
        "java.util.concurrent.CompletionStage<? super ChatCompletion>"
                + " | java.util.concurrent.CompletionStage<? super com.openai.models.chat.completions.ChatCompletion>",
        "@SuppressWarnings(\"rawtypes\") StreamResponse | com.openai.core.http.StreamResponse",
        "StreamResponse<?> | com.openai.core.http.StreamResponse<?>"
    })
    void llmCallReturningAnOpenResponseType(String returnType, String display) {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public %s chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """.formatted(returnType));

        assertSingleError(compile(source), source, "AGENTOTEL-020",
                Message.LLM_CALL_GENERIC_RETURN.format(display, LLM_RETURNS), " chat(ChatCompletionCreateParams params)");
    }

    @Test
    void llmCallReturningTheClassesTypeVariable() {
        JavaFileObject source = source("""
                public class Agent<R> {
                    @LlmCall
                    public R chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-020",
                Message.LLM_CALL_GENERIC_RETURN.format("R", LLM_RETURNS), "public R chat(");
    }

    @Test
    void llmCallReturningBlockingFuture() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public Future<ChatCompletion> chatAsync(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-006",
                Message.LLM_CALL_BLOCKING_FUTURE.format(
                        "java.util.concurrent.Future<com.openai.models.chat.completions.ChatCompletion>", LLM_RETURNS),
                "public Future<ChatCompletion> chatAsync(");
    }

    @Test
    void llmCallWithoutRequestOrModel() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public ChatCompletion complete(String prompt) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-007",
                Message.LLM_CALL_WITHOUT_MODEL.format("complete", "chat"), "@LlmCall");
    }

    @Test
    void llmCallWithoutRequestAndWithBlankModel() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall(
                            operation = "text_completion",
                            model = " ")
                    public ChatCompletion complete(String prompt) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-007",
                Message.LLM_CALL_WITHOUT_MODEL.format("complete", "text_completion"), "model = \" \")");
    }

    @Test
    void blankAgentRunName() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(
                            name = " ",
                            maxIterations = 3)
                    public String run(String query) {
                        return query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-008",
                Message.BLANK_VALUE.format("AgentRun", "name", " ", "gen_ai.agent.name and the root span's name"),
                "name = \" \",");
    }

    @Test
    void blankToolName() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool(
                            name = "  ")
                    public String lookup(String city) {
                        return city;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-008",
                Message.BLANK_VALUE.format("Tool", "name", "  ", "gen_ai.tool.name and the tool span's name"),
                "name = \"  \")");
    }

    @Test
    void blankLlmCallProvider() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall(
                            provider = "")
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-008",
                Message.BLANK_VALUE.format("LlmCall", "provider", "", "gen_ai.provider.name"), "provider = \"\")");
    }

    @Test
    void blankLlmCallOperation() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall(
                            operation = "  ")
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-008",
                Message.BLANK_VALUE.format("LlmCall", "operation", "  ",
                        "gen_ai.operation.name and the first word of the span name"),
                "operation = \"  \")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Chat | Did you mean \"chat\"?",
        "embedding | Did you mean \"embeddings\"?",
        "text-completion | Did you mean \"text_completion\"?",
        "generateContent | Did you mean \"generate_content\"?",
        "completions | Use one of these four.",
        "create_agent | Use one of these four.",
        "invoke_agent | Use one of these four.",
        "execute_tool | Use one of these four."
    })
    void llmCallUnknownOperation(String operation, String fix) {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall(
                            operation = "%s")
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """.formatted(operation));

        assertSingleError(compile(source), source, "AGENTOTEL-018",
                Message.LLM_CALL_UNKNOWN_OPERATION.format(operation, fix), "operation = \"" + operation + "\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "embeddings", "text_completion", "generate_content"})
    void llmCallOperationsOfModelCalls(String operation) {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall(operation = "%s")
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """.formatted(operation));

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry"))
                .contains("(\"" + operation + "\", \"openai\", \"\")");
    }

    @Test
    void llmCallWithTwoRequests() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public ChatCompletion chat(
                            ChatCompletionCreateParams params,
                            ChatCompletionCreateParams fallback) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-019",
                Message.LLM_CALL_TWO_REQUESTS.format("chat", "params", "fallback"),
                "ChatCompletionCreateParams fallback)");
    }

    @Test
    void llmCallWithRequestsOfTwoApis() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public ChatCompletion chat(
                            @Redact com.openai.models.embeddings.EmbeddingCreateParams embedding,
                            ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-019",
                Message.LLM_CALL_TWO_REQUESTS.format("chat", "embedding", "params"),
                "ChatCompletionCreateParams params)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void maxIterationsTooSmall(int maxIterations) {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(
                            name = "weather",
                            maxIterations = %d)
                    public String run(String query) {
                        return query;
                    }
                }
                """.formatted(maxIterations));

        assertSingleError(compile(source), source, "AGENTOTEL-009",
                Message.MAX_ITERATIONS_TOO_SMALL.format(maxIterations), "maxIterations = " + maxIterations + ")");
    }

    @Test
    void sessionIdOfWrongType() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @SessionId List<String> sessionIds,
                            @UserQuery String query) {
                        return query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-010",
                Message.MARKER_WRONG_TYPE.format("SessionId", "sessionIds", "java.util.List<java.lang.String>",
                        "gen_ai.conversation.id", SESSION_ID_TYPES),
                "@SessionId List<String> sessionIds,");
    }

    @Test
    void userQueryOfWrongType() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @SessionId String sessionId,
                            @UserQuery int query) {
                        return sessionId;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-010",
                Message.MARKER_WRONG_TYPE.format("UserQuery", "query", "int", "agent.user_query.hash", TEXT_TYPES),
                "@UserQuery int query)");
    }

    @Test
    void toolCallIdOfWrongType() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    public String lookup(
                            @ToolCallId long callId,
                            String city) {
                        return city;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-010",
                Message.MARKER_WRONG_TYPE.format("ToolCallId", "callId", "long", "gen_ai.tool.call.id", TEXT_TYPES),
                "@ToolCallId long callId,");
    }

    @Test
    void sessionIdOfArrayType() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @SessionId String[] sessions,
                            @UserQuery String query) {
                        return query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-010",
                Message.MARKER_WRONG_TYPE.format("SessionId", "sessions", "java.lang.String[]",
                        "gen_ai.conversation.id", SESSION_ID_TYPES),
                "@SessionId String[] sessions,");
    }

    @Test
    void sessionIdOnVarargs() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @UserQuery String query,
                            @SessionId String... sessions) {
                        return query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-010",
                Message.MARKER_WRONG_TYPE.format("SessionId", "sessions", "java.lang.String[]",
                        "gen_ai.conversation.id", SESSION_ID_TYPES),
                "@SessionId String... sessions)");
    }

    @Test
    void sessionIdDuplicated() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @SessionId String conversation,
                            @SessionId UUID tenant,
                            @UserQuery String query) {
                        return query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-011",
                Message.MARKER_DUPLICATED.format("SessionId", "conversation", "tenant"), "@SessionId UUID tenant,");
    }

    @Test
    void userQueryDuplicated() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @UserQuery String question,
                            @UserQuery CharSequence context) {
                        return question;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-011",
                Message.MARKER_DUPLICATED.format("UserQuery", "question", "context"),
                "@UserQuery CharSequence context)");
    }

    @Test
    void markerWithoutSpan() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    public String lookup(String city) {
                        return city;
                    }

                    public void remember(
                            @SessionId String session) {
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-012",
                Message.MARKER_WITHOUT_SPAN.format("SessionId", "session"), "@SessionId String session)");
    }

    @Test
    void sessionIdNotReadByTool() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    public String lookup(
                            @SessionId String session,
                            String city) {
                        return city;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-013",
                Message.MARKER_NOT_READ.format("SessionId", "Tool", "@AgentRun"), "@SessionId String session,");
    }

    @Test
    void toolCallIdNotReadByAgentRun() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @ToolCallId String callId,
                            String query) {
                        return query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-013",
                Message.MARKER_NOT_READ.format("ToolCallId", "AgentRun", "@Tool"), "@ToolCallId String callId,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"look up", "weather.lookup", "wetter_für", "lookup()",
            "a_tool_name_of_sixty_five_characters_which_is_one_more_than_allow"})
    void toolNameInvalid(String name) {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool(
                            name = "%s")
                    public String lookup(String city) {
                        return city;
                    }
                }
                """.formatted(name));

        assertSingleError(compile(source), source, "AGENTOTEL-014",
                Message.TOOL_NAME_INVALID.format(name), "name = \"" + name + "\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"look$up", "prévision",
            "aToolMethodNameOfSixtyFiveCharactersWhichIsOneMoreThanIsAllowedXY"})
    void toolMethodNameInvalid(String method) {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool(description = "Looks a city up")
                    public String %s(String city) {
                        return city;
                    }
                }
                """.formatted(method));

        assertSingleError(compile(source), source, "AGENTOTEL-015",
                Message.TOOL_METHOD_NAME_INVALID.format(method), "@Tool(description = \"Looks a city up\")");
    }

    @Test
    void toolNameDuplicated() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool(name = "lookup", description = "By name")
                    public String find(String city) {
                        return city;
                    }

                    @Tool(
                            name = "lookup")
                    public String search(String city) {
                        return city;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-016",
                Message.TOOL_NAME_DUPLICATED.format("lookup", "find(java.lang.String)"), "name = \"lookup\")");
    }

    @Test
    void toolNameDuplicatedByAnOverloadWithoutName() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool(description = "By name")
                    public String lookup(String city) {
                        return city;
                    }

                    @Tool(description = "By postal code")
                    public String lookup(int postalCode) {
                        return "";
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-016",
                Message.TOOL_NAME_DUPLICATED.format("lookup", "lookup(java.lang.String)"),
                "@Tool(description = \"By postal code\")");
    }

    @Test
    void toolNameDuplicatedByAMethodName() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    public String lookup(String city) {
                        return city;
                    }

                    @Tool(
                            name = "lookup",
                            description = "By postal code")
                    public String byPostalCode(int postalCode) {
                        return "";
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-016",
                Message.TOOL_NAME_DUPLICATED.format("lookup", "lookup(java.lang.String)"), "name = \"lookup\",");
    }

    @Test
    void toolNamesThatProvidersAccept() {
        JavaFileObject source = source("""
                public class Agent {
                    @Tool(name = "get-weather_2")
                    public String lookup(String city) {
                        return city;
                    }

                    @Tool(name = "lookup")
                    public String lookup(int postalCode) {
                        return "";
                    }

                    @Tool(name = "a_tool_name_of_sixty_four_characters_which_is_exactly_the_limit_")
                    public String longest(String city) {
                        return city;
                    }

                    @Tool
                    public String forecast_2(String city) {
                        return city;
                    }

                    @Tool(name = "")
                    public String alerts(String city) {
                        return city;
                    }

                    public static class Other {
                        @Tool(name = "lookup")
                        public String lookup(String city) {
                            return city;
                        }
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry")).contains(
                "(\"get-weather_2\", \"\")", "(\"lookup\", \"\")",
                "(\"a_tool_name_of_sixty_four_characters_which_is_exactly_the_limit_\", \"\")",
                "(\"forecast_2\", \"\")", "(\"alerts\", \"\")");
    }

    @Test
    void iterationWithoutRun() {
        JavaFileObject source = source("""
                public class Agent {
                    @Iteration
                    public boolean step() {
                        return true;
                    }

                    @Tool
                    public String lookup(String city) {
                        return city;
                    }
                }
                """);

        assertSingleWarning(compile(source), source, "AGENTOTEL-017",
                Message.ITERATION_WITHOUT_RUN.format("Agent"), "@Iteration");
    }

    @Test
    void iterationWithoutRunIsNotReportedBesideAnError() {
        JavaFileObject source = source("""
                public class Agent {
                    @Iteration
                    public boolean step() {
                        return true;
                    }

                    @Tool
                    public native String lookup(String city);
                }
                """);

        Compilation compilation = compile(source);

        assertSingleError(compilation, source, "AGENTOTEL-004", Message.NATIVE_METHOD.format("Tool"), "@Tool");
        assertThat(compilation).hadWarningCount(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"agentotel", "AGENTOTEL-017"})
    void iterationWithoutRunSuppressedOnTheMethod(String suppression) {
        JavaFileObject source = source("""
                public class Agent {
                    @Iteration
                    @SuppressWarnings("%s")
                    public boolean step() {
                        return true;
                    }
                }
                """.formatted(suppression));

        assertThat(compile(source)).succeededWithoutWarnings();
    }

    @Test
    void iterationWithoutRunSuppressedOnAnEnclosingClass() {
        JavaFileObject source = source("""
                @SuppressWarnings({"unchecked", "agentotel"})
                public class Agent {
                    public static class Loop {
                        @Iteration
                        public boolean step() {
                            return true;
                        }
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(processor.createdSources()).containsExactly("test.Agent_Loop_AgentTelemetry");
    }

    @Test
    void otherSuppressionsLeaveTheWarning() {
        JavaFileObject source = source("""
                @SuppressWarnings({"all", "AGENTOTEL-001"})
                public class Agent {
                    @Iteration
                    public boolean step() {
                        return true;
                    }
                }
                """);

        assertSingleWarning(compile(source), source, "AGENTOTEL-017",
                Message.ITERATION_WITHOUT_RUN.format("Agent"), "@Iteration");
    }

    @Test
    void errorsCannotBeSuppressed() {
        JavaFileObject source = source("""
                @SuppressWarnings("agentotel")
                public class Agent {
                    @Tool
                    @SuppressWarnings("AGENTOTEL-004")
                    public native String lookup(String city);
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-004", Message.NATIVE_METHOD.format("Tool"), "@Tool");
    }

    @Test
    void iterationWithAnInheritedRun() {
        JavaFileObject source = source("""
                public abstract class Agent {
                    @AgentRun(name = "weather")
                    public String run(@UserQuery String query) {
                        return step() ? query : "";
                    }

                    protected abstract boolean step();

                    public static class WeatherAgent extends Agent {
                        @Iteration
                        @Override
                        protected boolean step() {
                            return true;
                        }
                    }
                }
                """);

        assertThat(compile(source)).succeededWithoutWarnings();
    }

    @Test
    void markerOnConstructorParameter() {
        JavaFileObject source = source("""
                public class Agent {
                    private final String session;

                    public Agent(
                            @SessionId String session) {
                        this.session = session;
                    }

                    @AgentRun(name = "weather")
                    public String run(@UserQuery String query) {
                        return session + query;
                    }
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-021",
                Message.MARKER_ON_CONSTRUCTOR.format("SessionId", "session"), "@SessionId String session)");
    }

    @Test
    void markerOnRecordComponent() {
        JavaFileObject source = source("""
                public record Agent(
                        String name,
                        @Redact String apiKey) {
                }
                """);

        assertSingleError(compile(source), source, "AGENTOTEL-021",
                Message.MARKER_ON_CONSTRUCTOR.format("Redact", "apiKey"), "@Redact String apiKey)");
    }

    @Test
    void errorInOneClassDoesNotStopGenerationForAnother() {
        JavaFileObject bad = JavaFileObjects.forSourceString("test.Bad", HEADER + """
                public class Bad {
                    @Tool
                    public native String lookup(String city);
                }
                """);
        JavaFileObject good = JavaFileObjects.forSourceString("test.Good", HEADER + """
                public class Good {
                    @Tool
                    public String lookup(String city) {
                        return city;
                    }
                }
                """);

        Compilation compilation = compile(bad, good);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("AGENTOTEL-004").inFile(bad).onLineContaining("@Tool");
        Assertions.assertThat(processor.createdSources()).containsExactly("test.Good_AgentTelemetry");
    }

    @Test
    void generatedClassNotWritten() {
        JavaFileObject nested = JavaFileObjects.forSourceString("test.Agent", HEADER + """
                public class Agent {
                    public static class Loop {
                        @Tool
                        public String lookup(String city) {
                            return city;
                        }
                    }
                }
                """);
        JavaFileObject clash = JavaFileObjects.forSourceString("test.Agent_Loop", HEADER + """
                public class Agent_Loop {
                    @Tool
                    public String search(String query) {
                        return query;
                    }
                }
                """);

        Compilation compilation = compile(nested, clash);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertError(compilation, clash, "AGENTOTEL-022", Message.GENERATED_CLASS_NOT_WRITTEN.format(
                        "test.Agent_Loop_AgentTelemetry", "test.Agent_Loop",
                        "javax.annotation.processing.FilerException: Attempt to recreate a file for type"
                                + " test.Agent_Loop_AgentTelemetry"),
                "public class Agent_Loop {");
    }

    @Test
    void openAiReadersNotWritten() {
        // A class of the user's has the name of the package's shared readers: the class that calls
        // them would not compile, so nothing is generated for it.
        JavaFileObject squatter = JavaFileObjects.forSourceString("test.AgentTelemetry_OpenAiReaders", HEADER + """
                class AgentTelemetry_OpenAiReaders {
                }
                """);
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        Compilation compilation = compile(source, squatter);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertError(compilation, source, "AGENTOTEL-022", Message.GENERATED_CLASS_NOT_WRITTEN.format(
                        "test.AgentTelemetry_OpenAiReaders", "test.Agent",
                        "javax.annotation.processing.FilerException: Attempt to recreate a file for type"
                                + " test.AgentTelemetry_OpenAiReaders"),
                "public class Agent {");
        Assertions.assertThat(processor.createdSources()).noneMatch(name -> name.endsWith("_AgentTelemetry"));
    }

    @Test
    void resourceNotWritten() {
        // Another processor takes the path first: the Filer refuses to create it a second time.
        Processor squatter = new FirstRoundProcessor(filer -> filer
                .createResource(StandardLocation.CLASS_OUTPUT, "", AgentOtelProcessor.JOIN_POINTS).openWriter().close());
        JavaFileObject source = source("""
                public class Agent {
                    @Tool
                    public String lookup(String city) {
                        return city;
                    }
                }
                """);

        Compilation compilation = Compilations.compile(List.of(squatter, processor), source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        // The Filer's own wording follows "FilerException: "; the rest is the message's.
        String expected = Message.RESOURCE_NOT_WRITTEN.format(AgentOtelProcessor.JOIN_POINTS, "<failure>",
                "The build's weave verification reads it to check that every annotated method was woven.");
        String before = expected.substring(0, expected.indexOf("<failure>"));
        String after = expected.substring(expected.indexOf("<failure>") + "<failure>".length());
        Assertions.assertThat(compilation.errors()).singleElement().satisfies(error -> Assertions
                .assertThat(error.getMessage(null))
                .startsWith(before + "javax.annotation.processing.FilerException: ")
                .endsWith(after));
        ASSERTED_IDS.add("AGENTOTEL-023");
    }

    @Test
    void unresolvedTypeInsideAFutureIsLeftToTheCompiler() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public CompletableFuture<ChatCompletin> chatAsync(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                .onLineContaining("CompletableFuture<ChatCompletin>");
        Assertions.assertThat(compilation.errors())
                .noneMatch(error -> error.getMessage(null).contains(Message.TAG));
    }

    @Test
    void llmCallReturningATypeVariableBoundedByAFuture() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall
                    public <F extends CompletableFuture<ChatCompletion>> F chatAsync(ChatCompletionCreateParams params) {
                        return null;
                    }

                    @LlmCall
                    public <F extends CompletableFuture<F>> F recursive(ChatCompletionCreateParams params) {
                        return null;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Message.LLM_CALL_UNSUPPORTED_RETURN.format("F", LLM_RETURNS))
                .inFile(source).onLineContaining("F recursive(");
    }

    @Test
    void unresolvedMarkerTypeIsLeftToTheCompiler() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @SessionId MissingType session) {
                        return "";
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                .onLineContaining("@SessionId MissingType session");
        Assertions.assertThat(compilation.errors())
                .noneMatch(error -> error.getMessage(null).contains(Message.TAG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"String", "CharSequence", "StringBuilder", "UUID", "long", "Long", "int", "Integer"})
    void sessionIdOfAcceptedType(String type) {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(
                            @SessionId %s session,
                            @UserQuery String query) {
                        return query;
                    }
                }
                """.formatted(type));

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry"))
                .contains("public String sessionId(Object[] args)");
    }

    @Test
    void sessionIdOfTypeVariableBoundedByCharSequence() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public <S extends CharSequence> String run(
                            @SessionId S session,
                            @UserQuery String query) {
                        return query;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry"))
                .contains("case \"run(java.lang.CharSequence,java.lang.String)\":",
                        "public String sessionId(Object[] args)");
    }

    @Test
    void redactOnParametersOfEverySpanKind() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather")
                    public String run(@SessionId @Redact String session, @UserQuery String query, @Redact String key) {
                        return query;
                    }

                    @Iteration
                    public boolean step(@Redact String scratchpad) {
                        return true;
                    }

                    @LlmCall
                    public ChatCompletion chat(@Redact ChatCompletionCreateParams params, @Redact String apiKey) {
                        return null;
                    }

                    @Tool
                    public String lookup(@ToolCallId @Redact String callId, @Redact String city) {
                        return city;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry")).contains(
                "case \"run(java.lang.String,java.lang.String,java.lang.String)\":",
                "case \"step(java.lang.String)\":",
                "case \"chat(com.openai.models.chat.completions.ChatCompletionCreateParams,java.lang.String)\":",
                "case \"lookup(java.lang.String,java.lang.String)\":");
    }

    @Test
    void llmCallWithoutRequestButWithModel() {
        JavaFileObject source = source("""
                public class Agent {
                    @LlmCall(model = "gpt-4o-mini")
                    public ChatCompletion classify() {
                        return null;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry"))
                .contains("(\"chat\", \"openai\", \"gpt-4o-mini\")");
    }

    @Test
    void llmCallReturningASubclassOfCompletableFutureOrAGenericMethodsFuture() {
        JavaFileObject source = source("""
                public class Agent {
                    public static class ChatFuture extends CompletableFuture<ChatCompletion> {
                    }

                    @LlmCall
                    public ChatFuture chatAsync(ChatCompletionCreateParams params) {
                        return null;
                    }

                    @LlmCall
                    public <C extends ChatCompletion> CompletableFuture<C> chatTyped(ChatCompletionCreateParams params) {
                        return null;
                    }

                    @LlmCall(operation = "chat", model = "text-embedding-3-small")
                    public java.util.concurrent.CompletionStage<com.openai.models.embeddings.CreateEmbeddingResponse> embed() {
                        return null;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry")).contains(
                "CHAT_ASYNC = new LlmCallTelemetry<ChatCompletion>(\"chat\", \"openai\", \"\", LlmCallTelemetry.Completion.FUTURE)",
                "CHAT_TYPED = new LlmCallTelemetry<ChatCompletion>(\"chat\", \"openai\", \"\", LlmCallTelemetry.Completion.FUTURE)",
                "EMBED = new LlmCallTelemetry<CreateEmbeddingResponse>(\"chat\", \"openai\", \"text-embedding-3-small\", "
                        + "LlmCallTelemetry.Completion.FUTURE)");
    }

    @Test
    void annotatedMethodsOfAnEnumAndARecord() {
        JavaFileObject source = source("""
                public enum Agent {
                    WEATHER;

                    @AgentRun(name = "weather")
                    public String run(@SessionId UUID session, @UserQuery String query) {
                        return step() ? query : "";
                    }

                    @Iteration
                    boolean step() {
                        return true;
                    }

                    public record Toolbox(String region) {
                        @Tool(name = "lookup_city")
                        public String lookup(@ToolCallId String callId, String city) {
                            return region + city;
                        }
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(processor.createdSources())
                .containsExactlyInAnyOrder("test.Agent_AgentTelemetry", "test.Agent_Toolbox_AgentTelemetry");
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry"))
                .contains("case \"run(java.util.UUID,java.lang.String)\":", "case \"step()\":");
        Assertions.assertThat(generatedSource(compilation, "test.Agent_Toolbox_AgentTelemetry"))
                .contains("case \"lookup(java.lang.String,java.lang.String)\":");
    }

    @Test
    void classWithoutProblemsCompilesWithoutWarnings() {
        JavaFileObject source = source("""
                public class Agent {
                    @AgentRun(name = "weather", maxIterations = 1)
                    public String run(@SessionId String session, @UserQuery String query) {
                        return query;
                    }

                    @Iteration
                    public Optional<String> step() {
                        return Optional.empty();
                    }

                    @LlmCall
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return null;
                    }

                    @Tool(name = "lookup_city")
                    public List<String> lookup(@ToolCallId String callId, String city) {
                        return List.of(city);
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(processor.createdSources())
                .containsExactly("test.AgentTelemetry_OpenAiReaders", "test.Agent_AgentTelemetry");
        Assertions.assertThat(generatedSource(compilation, "test.Agent_AgentTelemetry"))
                .contains("case \"lookup(java.lang.String,java.lang.String)\":");
    }

    private Compilation compile(JavaFileObject... sources) {
        return Compilations.compile(List.of(processor), sources);
    }

    private static JavaFileObject source(String body) {
        return JavaFileObjects.forSourceString("test.Agent", HEADER + body);
    }

    /**
     * Exactly one warning and no error, with the given id and full text, on the line containing
     * {@code line}; a warning does not stop generation.
     */
    private void assertSingleWarning(
            Compilation compilation, JavaFileObject source, String id, String text, String line) {
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining(id).inFile(source).onLineContaining(line);
        assertThat(compilation).hadWarningContaining(text).inFile(source).onLineContaining(line);
        Assertions.assertThat(processor.createdSources()).isNotEmpty();
        ASSERTED_IDS.add(id);
    }

    /**
     * Exactly one error, with the given id and full text, on the line containing {@code line}; and no
     * generated class, since a class with an error must not be half instrumented.
     */
    private void assertSingleError(
            Compilation compilation, JavaFileObject source, String id, String text, String line) {
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertError(compilation, source, id, text, line);
        Assertions.assertThat(processor.createdSources()).noneMatch(name -> name.endsWith("_AgentTelemetry"));
    }

    /** An error, among others, with the given id and full text on the line containing {@code line}. */
    private static void assertError(
            Compilation compilation, JavaFileObject source, String id, String text, String line) {
        assertThat(compilation).hadErrorContaining(id).inFile(source).onLineContaining(line);
        assertThat(compilation).hadErrorContaining(text).inFile(source).onLineContaining(line);
        ASSERTED_IDS.add(id);
    }
}
