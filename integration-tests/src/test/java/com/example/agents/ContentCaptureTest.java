package com.example.agents;

import static com.example.agents.OpenAiWireServer.chatCompletion;
import static com.example.agents.OpenAiWireServer.chatStream;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_CONTENT_TRUNCATED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_HASH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_TEXT;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OUTPUT_MESSAGES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_SYSTEM_INSTRUCTIONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_RESULT;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.agents.OpenAiWireServer.Reply;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Content capture: off by default (no text of any kind on any span), and when switched on, the
 * GenAI conventions' message JSON, tool arguments and results and the user query, all redacted
 * and truncated; {@code @Redact} wins over the switch.
 */
class ContentCaptureTest {

    private static final String EMAIL = "ann.lee@example.org";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String QUESTION = "My card " + CARD + " was charged twice, write to " + EMAIL;
    private static final String MODEL = "gpt-4o-mini";

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    private OpenAiWireServer server;
    private PrivateAgent agent;

    @BeforeEach
    void start() {
        server = OpenAiWireServer.start();
        agent = new PrivateAgent(server.client());
    }

    @AfterEach
    void stop() {
        System.clearProperty("otel.instrumentation.genai.capture-message-content");
        System.clearProperty("agentotel.content.max-length");
        System.clearProperty("agentotel.content.max-messages");
        System.clearProperty("agentotel.redact.pattern.CUSTOMER_ID");
        server.close();
    }

    private void captureOn() {
        System.setProperty("otel.instrumentation.genai.capture-message-content", "true");
        telemetry.reinstall();
    }

    private static ChatCompletionCreateParams conversation() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage("You are a support agent. Never reveal card numbers.")
                .addUserMessage(QUESTION)
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder()
                                .id("call_7")
                                .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                        .name("look_up_customer")
                                        .arguments("{\"email\":\"" + EMAIL + "\"}")
                                        .build())
                                .build()))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId("call_7")
                        .content("Customer found, phone +44 20 7946 0958")
                        .build())
                .build();
    }

    @Test
    void withCaptureOffNoTextOfAnyKindIsRecorded() {
        server.enqueueChat(Reply.json(chatCompletion("c1", MODEL, "Refund sent to " + EMAIL, "stop", 10, 5, 0)));

        agent.ask("s-1", QUESTION);
        agent.chat(conversation());

        for (SpanData span : telemetry.spans()) {
            assertThat(span.getAttributes().asMap().keySet()).extracting(Object::toString).doesNotContain(
                    GEN_AI_INPUT_MESSAGES.getKey(), GEN_AI_OUTPUT_MESSAGES.getKey(), GEN_AI_SYSTEM_INSTRUCTIONS.getKey(),
                    GEN_AI_TOOL_CALL_ARGUMENTS.getKey(), GEN_AI_TOOL_CALL_RESULT.getKey(), AGENT_USER_QUERY_TEXT.getKey());
            assertThat(span.toString()).doesNotContain(EMAIL, "4111", "hunter2", "Never reveal", "Refund");
        }
        assertThat(telemetry.span("invoke_agent private-agent")).hasAttribute(AGENT_USER_QUERY_HASH,
                telemetry.span("invoke_agent private-agent").getAttributes().get(AGENT_USER_QUERY_HASH));
    }

    @Test
    void llmMessagesAreCapturedInTheConventionsJsonAfterRedaction() {
        captureOn();
        server.enqueueChat(Reply.json(chatCompletion("c1", MODEL, "Refund sent to " + EMAIL, "stop", 10, 5, 0)));

        agent.chat(conversation());

        SpanData span = telemetry.span("chat " + MODEL);
        assertThat(span.getAttributes().get(GEN_AI_SYSTEM_INSTRUCTIONS))
                .isEqualTo("[{\"type\":\"text\",\"content\":\"You are a support agent. Never reveal card numbers.\"}]");
        assertThat(span.getAttributes().get(GEN_AI_INPUT_MESSAGES)).isEqualTo("["
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
                + "\"My card [REDACTED:CARD_NUMBER] was charged twice, write to [REDACTED:EMAIL]\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_7\",\"name\":\"look_up_customer\","
                + "\"arguments\":\"{\\\"email\\\":\\\"[REDACTED:EMAIL]\\\"}\"}]},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_7\","
                + "\"response\":\"Customer found, phone [REDACTED:PHONE]\"}]}]");
        assertThat(span.getAttributes().get(GEN_AI_OUTPUT_MESSAGES)).isEqualTo("[{\"finish_reason\":\"stop\","
                + "\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Refund sent to [REDACTED:EMAIL]\"}]}]");
        assertThat(span.getAttributes().get(AGENT_CONTENT_TRUNCATED)).isNull();
    }

    @Test
    void streamedOutputIsCapturedFromTheChunks() {
        captureOn();
        server.enqueueChat(Reply.sse(chatStream("c2", MODEL, List.of("Mail ", EMAIL.substring(0, 5), EMAIL.substring(5)),
                "stop", 4, 3, 0)));

        try (StreamResponse<ChatCompletionChunk> stream = agent.stream(ChatCompletionCreateParams.builder()
                .model(MODEL).addUserMessage("hi")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().count();
        }

        assertThat(telemetry.span("chat " + MODEL).getAttributes().get(GEN_AI_OUTPUT_MESSAGES)).isEqualTo(
                "[{\"finish_reason\":\"stop\",\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
                        + "\"content\":\"Mail [REDACTED:EMAIL]\"}]}]");
    }

    @Test
    void toolArgumentsResultAndUserQueryAreCapturedRedactedAndRedactParametersNever() {
        captureOn();

        agent.ask("s-1", QUESTION);

        SpanData tool = telemetry.span("execute_tool look_up_customer");
        assertThat(tool.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS)).isEqualTo(
                "{\"query\":\"My card [REDACTED:CARD_NUMBER] was charged twice, write to [REDACTED:EMAIL]\",\"limit\":3}");
        assertThat(tool.getAttributes().get(GEN_AI_TOOL_CALL_RESULT))
                .startsWith("Customer My card [REDACTED:CARD_NUMBER]");
        assertThat(tool.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS)).doesNotContain("hunter2", "call_1");
        assertThat(telemetry.span("invoke_agent private-agent").getAttributes().get(AGENT_USER_QUERY_TEXT))
                .isEqualTo("My card [REDACTED:CARD_NUMBER] was charged twice, write to [REDACTED:EMAIL]");
    }

    @Test
    void redactWinsOverCaptureOn() {
        captureOn();
        server.enqueueChat(Reply.json(chatCompletion("c3", MODEL, "ok", "stop", 1, 1, 0)));

        agent.askSealed("secret plan for " + EMAIL);
        agent.chatSealed(conversation());

        SpanData run = telemetry.span("invoke_agent sealed-agent");
        assertThat(run.getAttributes().get(AGENT_USER_QUERY_TEXT)).isNull();
        assertThat(run.getAttributes().get(AGENT_USER_QUERY_HASH)).hasSize(64);
        SpanData chat = telemetry.span("chat " + MODEL);
        assertThat(chat.getAttributes().get(GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(chat.getAttributes().get(GEN_AI_SYSTEM_INSTRUCTIONS)).isNull();
        assertThat(chat.toString()).doesNotContain("secret plan", "Never reveal");
    }

    @Test
    void redactIdsAreNeverRecordedAndNumbersAreRedactedLikeText() {
        captureOn();

        agent.askAnonymously("ann.lee-session", "pay my bill");

        SpanData run = telemetry.span("invoke_agent anonymous-agent");
        assertThat(run.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("gen_ai.conversation.id")))
                .isNull();
        SpanData pay = telemetry.span("execute_tool pay");
        assertThat(pay.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("gen_ai.tool.call.id")))
                .isNull();
        assertThat(pay.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS))
                .isEqualTo("{\"cardNumber\":\"[REDACTED:CARD_NUMBER]\",\"amount\":12}");
    }

    @Test
    void longTextIsTruncatedWithAMarkerAndFlagged() {
        System.setProperty("agentotel.content.max-length", "20");
        captureOn();

        agent.ask("s-1", "abcdefghijklmnopqrstuvwxyz and more");

        SpanData run = telemetry.span("invoke_agent private-agent");
        assertThat(run).hasAttribute(AGENT_USER_QUERY_TEXT, "abcdefghijklmnopqrst…[TRUNCATED]")
                .hasAttribute(AGENT_CONTENT_TRUNCATED, true);
        assertThat(telemetry.span("execute_tool look_up_customer")).hasAttribute(AGENT_CONTENT_TRUNCATED, true);
    }

    @Test
    void longHistoriesKeepTheMostRecentMessagesAndAreFlagged() {
        System.setProperty("agentotel.content.max-messages", "2");
        captureOn();
        server.enqueueChat(Reply.json(chatCompletion("c4", MODEL, "ok", "stop", 1, 1, 0)));

        agent.chat(conversation());

        SpanData span = telemetry.span("chat " + MODEL);
        assertThat(span).hasAttribute(AGENT_CONTENT_TRUNCATED, true);
        assertThat(span.getAttributes().get(GEN_AI_INPUT_MESSAGES))
                .startsWith("[{\"role\":\"assistant\"")
                .contains("{\"role\":\"tool\"")
                .doesNotContain("\"role\":\"user\"");
    }

    @Test
    void configuredPatternsAndCustomRedactorsApply() {
        System.setProperty("otel.instrumentation.genai.capture-message-content", "true");
        System.setProperty("agentotel.redact.pattern.CUSTOMER_ID", "CUST-\\d{6}");
        telemetry.reinstall(AgentTelemetry.builder()
                .redactPattern("TICKET", "TKT-\\d+")
                .addRedactor(text -> text.replace("Project Falcon", "[REDACTED:CODENAME]")));

        agent.ask("s-1", "CUST-123456 asks about TKT-42 and Project Falcon");

        assertThat(telemetry.span("invoke_agent private-agent").getAttributes().get(AGENT_USER_QUERY_TEXT))
                .isEqualTo("[REDACTED:CUSTOMER_ID] asks about [REDACTED:TICKET] and [REDACTED:CODENAME]");
    }

    @Test
    void aFailingCustomRedactorDropsTheTextInsteadOfLeakingIt() {
        System.setProperty("otel.instrumentation.genai.capture-message-content", "true");
        telemetry.reinstall(AgentTelemetry.builder().addRedactor(text -> {
            throw new IllegalStateException("redactor bug");
        }));

        String answer = agent.ask("s-1", "hello " + EMAIL);

        assertThat(answer).startsWith("Customer hello " + EMAIL);
        assertThat(telemetry.span("invoke_agent private-agent").getAttributes().get(AGENT_USER_QUERY_TEXT))
                .isEqualTo("[REDACTED]");
    }
}
