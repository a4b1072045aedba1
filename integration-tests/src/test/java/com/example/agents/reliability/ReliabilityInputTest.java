package com.example.agents.reliability;

import static com.example.agents.OpenAiWireServer.chatCompletion;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_FINAL_ANSWER_LENGTH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COMPLETED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_HASH;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ID;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.agents.OpenAiWireServer;
import com.example.agents.OpenAiWireServer.Reply;
import com.example.agents.TelemetryFixture;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.telemetry.AgentTelemetry;
import dev.agentotel.telemetry.Waterfall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Item 6 of docs/reliability.md: nulls, huge strings and control characters at the annotated
 * methods' surface, and the bound on every value agentotel copies into a span.
 */
class ReliabilityInputTest {

    /** The documented bound of identifier-like values (session and tool call ids, models, response ids, ...). */
    private static final int ID_BOUND = 256;
    /** Content capture's default bound on one text (redacted, then cut, plus the truncation marker). */
    private static final int TEXT_BOUND = 512 + "…[TRUNCATED]".length();
    /** Exception messages and stack traces: 16 KB plus the marker. */
    private static final int EXCEPTION_BOUND = 16 * 1024 + "…[TRUNCATED]".length();
    private static final String CAPTURE = "otel.instrumentation.genai.capture-message-content";
    private static final String MODEL = "gpt-4o-mini";
    private static final String CONTROL = "a\r\nb\u0000c\u001b[31md\te\u007f";

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    private OpenAiWireServer server;
    private InputAgent agent;

    @BeforeEach
    void start() {
        server = OpenAiWireServer.start();
        agent = new InputAgent(server.client());
    }

    @AfterEach
    void stop() {
        System.clearProperty(CAPTURE);
        server.close();
    }

    private static void print(String test, String figures) {
        System.out.println("[reliability] " + test + ": " + figures);
    }

    private static String huge(char c, int length) {
        return String.valueOf(c).repeat(length);
    }

    @Test
    void nullArgumentsAndNullResultsGiveSpansWithoutTheMissingValues() {
        assertThat(agent.run(null, null, null)).isNull();
        assertThat(agent.nullChat(null)).isNull();
        assertThat(agent.nullStream(null)).isNull();
        assertThat(agent.nullFuture(null)).isNull();
        assertThat(agent.nullAnswer()).isNull();

        SpanData run = telemetry.span("invoke_agent input-agent");
        assertThat(run.getAttributes().get(GEN_AI_CONVERSATION_ID)).isNull();
        assertThat(run.getAttributes().get(AGENT_USER_QUERY_HASH)).isNull();
        assertThat(run.getAttributes().get(AGENT_FINAL_ANSWER_LENGTH)).isNull();
        assertThat(telemetry.span("agent.iteration").getAttributes().get(AGENT_ITERATION_COMPLETED)).isNull();
        SpanData tool = telemetry.span("execute_tool lookup");
        assertThat(tool.getAttributes().get(GEN_AI_TOOL_CALL_ID)).isNull();
        assertThat(tool.getAttributes().get(AGENT_TOOL_RESULT_COUNT)).isNull();
        // No model in a null request: the three openai-java calls are named after the operation alone.
        assertThat(telemetry.spans()).filteredOn(s -> s.getName().equals("chat")).hasSize(3);
        assertThat(telemetry.span("chat house-model").getAttributes().get(GEN_AI_RESPONSE_MODEL)).isNull();
        assertThat(telemetry.spans()).hasSize(7)
                .allSatisfy(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
        print("null arguments and results", "7 calls returned null, 7 spans ended without the missing values");
    }

    @Test
    void aNullRequestFailsTheWayItDoesWithoutAgentotel() {
        Throwable plain = catchThrowable(() -> server.client().chat().completions().create((ChatCompletionCreateParams) null));
        Throwable woven = catchThrowable(() -> agent.chat(null));

        assertThat(plain).isNotNull();
        assertThat(woven).isExactlyInstanceOf(plain.getClass()).hasMessage(plain.getMessage());
        assertThat(telemetry.span("chat").getAttributes().get(ERROR_TYPE)).isEqualTo(plain.getClass().getName());
        print("null request", "openai-java's own " + plain.getClass().getSimpleName() + " reached the caller");
    }

    @Test
    void identifiersLongerThan256CharactersAreCut() {
        String longModel = MODEL + huge('m', 10_000);
        String longId = "chatcmpl-" + huge('i', 10_000);
        String body = chatCompletion(longId, longModel, "hello", "stop" + huge('r', 10_000), 5, 1, 0)
                .replace(OpenAiWireServer.SYSTEM_FINGERPRINT, "fp_" + huge('f', 10_000));
        server.enqueueChat(Reply.json(body));
        String session = "session-" + huge('s', 10_000);
        String toolCall = "call_" + huge('c', 10_000);

        assertThat(agent.run(session, "q", toolCall)).isEqualTo("q");
        ChatCompletion completion = agent.chat(ChatCompletionCreateParams.builder()
                .model(longModel)
                .addUserMessage("hello")
                .build());
        assertThat(completion.model()).isEqualTo(longModel);

        assertThat(telemetry.span("invoke_agent input-agent").getAttributes().get(GEN_AI_CONVERSATION_ID))
                .isEqualTo(session.substring(0, ID_BOUND));
        assertThat(telemetry.span("execute_tool lookup").getAttributes().get(GEN_AI_TOOL_CALL_ID))
                .isEqualTo(toolCall.substring(0, ID_BOUND));
        SpanData chat = telemetry.span("chat " + longModel.substring(0, ID_BOUND));
        Attributes attributes = chat.getAttributes();
        assertThat(attributes.get(GEN_AI_REQUEST_MODEL)).isEqualTo(longModel.substring(0, ID_BOUND));
        assertThat(attributes.get(GEN_AI_RESPONSE_MODEL)).isEqualTo(longModel.substring(0, ID_BOUND));
        assertThat(attributes.get(GEN_AI_RESPONSE_ID)).isEqualTo(longId.substring(0, ID_BOUND));
        assertThat(attributes.get(GEN_AI_RESPONSE_FINISH_REASONS)).singleElement()
                .satisfies(reason -> assertThat(reason).hasSize(ID_BOUND).startsWith("stoprrr"));
        assertThat(attributes.get(OPENAI_RESPONSE_SYSTEM_FINGERPRINT)).hasSize(ID_BOUND);
        print("10,000-character identifiers", "session id, tool call id, request and response model, response id,"
                + " finish reason, system fingerprint and span name cut to " + ID_BOUND + " characters");
    }

    @Test
    void everyRecordedValueIsBoundedAtTheSourceWhateverTheInput() {
        System.setProperty(CAPTURE, "true");
        telemetry.reinstall();
        String hugeText = huge('x', 100_000);
        server.enqueueChat(Reply.json(chatCompletion("chatcmpl-" + huge('i', 10_000), MODEL + huge('m', 10_000),
                hugeText, "stop", 5, 1, 0)));
        ChatCompletionCreateParams.Builder request = ChatCompletionCreateParams.builder()
                .model(MODEL + huge('m', 10_000))
                .addSystemMessage(hugeText)
                .stopOfStrings(List.of(huge('s', 10_000)));
        for (int i = 0; i < 200; i++) {
            request.addUserMessage(hugeText);
        }

        agent.run("session-" + huge('s', 10_000), hugeText, "call_" + huge('c', 10_000));
        agent.chat(request.build());
        FaultyAgent faulty = new FaultyAgent();
        RuntimeException failure = new IllegalStateException(hugeText);
        assertThat(catchThrowable(() -> faulty.rethrow(failure))).isSameAs(failure);

        Map<String, Integer> longest = new TreeMap<>();
        for (SpanData span : telemetry.spans()) {
            longest.merge("span name", span.getName().length(), Math::max);
            collect(span.getAttributes(), "", longest);
            span.getEvents().forEach(event -> collect(event.getAttributes(), event.getName() + " ", longest));
        }
        longest.forEach((key, length) -> assertThat(length).as(key).isLessThanOrEqualTo(bound(key)));
        print("bounded at the source", "100,000-character texts and 10,000-character ids in; longest value per key: "
                + longest);
    }

    /** What docs/reliability.md promises for each key. */
    private static int bound(String key) {
        switch (key) {
            case "gen_ai.input.messages":
                // Content capture keeps the latest 64 messages of at most TEXT_BOUND characters each, in JSON.
                return 64 * (TEXT_BOUND + 64);
            case "gen_ai.output.messages":
            case "gen_ai.system_instructions":
            case "gen_ai.tool.call.arguments":
            case "gen_ai.tool.call.result":
                return 4 * (TEXT_BOUND + 64);
            case "agent.user_query.text":
                return TEXT_BOUND;
            case "exception exception.message":
            case "exception exception.stacktrace":
                return EXCEPTION_BOUND;
            default:
                return ID_BOUND + "execute_tool ".length();
        }
    }

    private static void collect(Attributes attributes, String prefix, Map<String, Integer> longest) {
        attributes.forEach((AttributeKey<?> key, Object value) -> {
            int length = 0;
            if (key.getType() == AttributeType.STRING) {
                length = ((String) value).length();
            } else if (key.getType() == AttributeType.STRING_ARRAY) {
                for (Object element : (List<?>) value) {
                    length = Math.max(length, ((String) element).length());
                }
            }
            longest.merge(prefix + key.getKey(), length, Math::max);
        });
    }

    @Test
    void controlCharactersAreKeptInSpansAndEscapedInTheWaterfall() {
        server.enqueueChat(Reply.json(chatCompletion("chatcmpl-1", MODEL + CONTROL, "hi", "stop", 5, 1, 0)));

        agent.run("session " + CONTROL, "q", "call " + CONTROL);
        agent.chat(ChatCompletionCreateParams.builder().model(MODEL + CONTROL).addUserMessage("hi").build());

        assertThat(telemetry.span("invoke_agent input-agent").getAttributes().get(GEN_AI_CONVERSATION_ID))
                .isEqualTo("session " + CONTROL);
        assertThat(telemetry.span("execute_tool lookup").getAttributes().get(GEN_AI_TOOL_CALL_ID))
                .isEqualTo("call " + CONTROL);
        SpanData chat = telemetry.span("chat " + MODEL + CONTROL);
        assertThat(chat.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isEqualTo(MODEL + CONTROL);

        String waterfall = Waterfall.render(telemetry.spans());
        List<Integer> controls = new ArrayList<>();
        waterfall.chars().filter(c -> Character.isISOControl(c) && c != '\n').forEach(controls::add);
        assertThat(controls).as("control characters other than line ends").isEmpty();
        // A header line per trace and one line per span: no line was forged by a line break in a value.
        assertThat(waterfall.split("\n")).hasSize(2 + telemetry.spans().size());
        // The response model, in the LLM span's details.
        assertThat(waterfall).contains(" · " + MODEL + "a\\r\\nb\\u0000c\\u001b[31md\\te\\u007f");
        print("control characters", "kept verbatim in 3 attributes and a span name; waterfall of "
                + telemetry.spans().size() + " spans escaped them:\n" + waterfall);
    }

    @Test
    void agentotelSetsNoAttributeLengthLimitAndHonoursTheUsers() {
        try (AgentTelemetry defaults = AgentTelemetry.builder()
                .defaultProperty("otel.traces.exporter", "none")
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .install()) {
            assertThat(((OpenTelemetrySdk) defaults.openTelemetry()).getSdkTracerProvider().getSpanLimits()
                    .getMaxAttributeValueLength())
                    .as("an SDK limit would cut captured JSON without the truncation marker")
                    .isEqualTo(Integer.MAX_VALUE);
        }
        try (AgentTelemetry limited = AgentTelemetry.builder()
                .defaultProperty("otel.traces.exporter", "none")
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .defaultProperty("otel.attribute.value.length.limit", "4096")
                .install()) {
            assertThat(((OpenTelemetrySdk) limited.openTelemetry()).getSdkTracerProvider().getSpanLimits()
                    .getMaxAttributeValueLength())
                    .isEqualTo(4096);
        }
    }
}
