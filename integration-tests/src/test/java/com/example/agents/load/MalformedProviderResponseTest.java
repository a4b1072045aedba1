package com.example.agents.load;

import static com.example.agents.OpenAiWireServer.chatCompletion;
import static com.example.agents.OpenAiWireServer.chatStream;
import static com.example.agents.OpenAiWireServer.error;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.agents.ChatAgent;
import com.example.agents.ModelGateway;
import com.example.agents.OpenAiWireServer;
import com.example.agents.OpenAiWireServer.Reply;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Malformed, huge, failing and stalling provider responses, through the real openai-java client
 * against {@link OpenAiWireServer}: the annotated method gives its caller exactly what the same call
 * gives without agentotel (an unwoven call to the same client, same scripted reply), its span
 * always ends with the status and {@code error.type} of the contract, and the SDK's attribute
 * limits hold. The length limit is set explicitly ({@code otel.attribute.value.length.limit} =
 * {@value #LENGTH_LIMIT}); the count limit is the SDK's default ({@value #COUNT_LIMIT}). Clients
 * never retry ({@code maxRetries(0)}), so each call is one request.
 */
class MalformedProviderResponseTest {

    static final int LENGTH_LIMIT = 256;
    static final int COUNT_LIMIT = 128;
    private static final String SPAN = "chat gpt-4o";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenAiWireServer server;
    private AgentTelemetry telemetry;

    private String testName;

    @BeforeEach
    void setUp(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        server = OpenAiWireServer.start();
        telemetry = AgentTelemetry.builder()
                .defaultProperty("otel.traces.exporter", "none")
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .defaultProperty("otel.attribute.value.length.limit", Integer.toString(LENGTH_LIMIT))
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .install();
    }

    @AfterEach
    void tearDown() {
        List<SpanData> finished = spans.getFinishedSpanItems();
        telemetry.close();
        server.close();
        assertLimitsHold(finished);
    }

    private static ChatCompletionCreateParams request() {
        return ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hello").build();
    }

    @Test
    void missingUsage() {
        SpanData span = sameAsWithoutTelemetry(Reply.json(withoutField(
                chatCompletion("chatcmpl-1", "gpt-4o", "hi", "stop", 1, 1, 0), "usage")));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isNull();
    }

    @Test
    void emptyChoices() {
        SpanData span = sameAsWithoutTelemetry(Reply.json(
                chatCompletion("chatcmpl-2", "gpt-4o", "hi", "stop", 1, 1, 0).replaceFirst("\"choices\":\\[.*\\],\"usage\"",
                        "\"choices\":[],\"usage\"")));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void nullFinishReason() {
        SpanData span = sameAsWithoutTelemetry(Reply.json(chatCompletion("chatcmpl-3", "gpt-4o", "hi", null, 1, 1, 0)));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void unknownFinishReason() {
        SpanData span = sameAsWithoutTelemetry(Reply.json(chatCompletion("chatcmpl-4", "gpt-4o", "hi", "galaxy_brain", 1, 1, 0)));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void unknownAndOverlongModel() {
        String model = "acme-frontier-" + "x".repeat(5_000);
        SpanData span = sameAsWithoutTelemetry(Reply.json(chatCompletion("chatcmpl-5", model, "hi", "stop", 1, 1, 0)));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        // Recorded, and clipped to the length limit by the SDK.
        assertThat(span.getAttributes().get(GEN_AI_RESPONSE_MODEL)).hasSize(LENGTH_LIMIT).isEqualTo(model.substring(0, LENGTH_LIMIT));
    }

    @Test
    void oneMegabyteOfContent() {
        SpanData span = sameAsWithoutTelemetry(Reply.json(
                chatCompletion("chatcmpl-6", "gpt-4o", "a".repeat(1 << 20), "length", 1, 262_144, 0)));
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void contentThatIsNotUtf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] halves = chatCompletion("chatcmpl-7", "gpt-4o", "MARK", "stop", 1, 1, 0).split("MARK");
        body.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xC3, '(', (byte) 0xFF, (byte) 0xFE, ' ', (byte) 0xE2, (byte) 0x82});
        body.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        SpanData span = sameAsWithoutTelemetry(Reply.jsonBytes(body.toByteArray()));
        // openai-java's JSON reader rejects the bytes: the caller gets its exception, the span records it.
        assertError(span, OpenAIInvalidDataException.class.getName());
    }

    @Test
    void http429() {
        SpanData span = sameAsWithoutTelemetry(Reply.status(429, error("Rate limit reached", "requests", "rate_limit_exceeded")));
        assertError(span, "429");
        assertThat(server.requestCount(OpenAiWireServer.CHAT_PATH)).as("one request per call: no retries").isEqualTo(2);
    }

    @Test
    void http500() {
        SpanData span = sameAsWithoutTelemetry(Reply.status(500, error("The server had an error", "server_error", null)));
        assertError(span, "500");
    }

    @Test
    void timeout() {
        OpenAIClient client = server.client(Duration.ofMillis(300));
        SpanData span = sameAsWithoutTelemetry(client, Reply.hang(Duration.ofSeconds(5)));
        assertError(span, OpenAIIoException.class.getName());
    }

    @Test
    void streamThatBreaksOffMidway() {
        List<String> chunks = chatStream("chatcmpl-8", "gpt-4o", List.of("Hel", "lo", " wor", "ld"), "stop", 3, 4, 0);
        SpanData span = streamSameAsWithoutTelemetry(server.client(), Reply.sseThenDrop(chunks.subList(0, 3)));
        assertError(span, OpenAIIoException.class.getName());
    }

    @Test
    void streamThatStallsPastTheClientTimeout() {
        List<String> chunks = chatStream("chatcmpl-9", "gpt-4o", List.of("Hel", "lo", " wor", "ld"), "stop", 3, 4, 0);
        SpanData span = streamSameAsWithoutTelemetry(server.client(Duration.ofMillis(500)),
                Reply.sseThenStall(chunks.subList(0, 3), Duration.ofSeconds(5)));
        assertError(span, OpenAIIoException.class.getName());
    }

    /** What a call gave its caller: a result or an exception (compared by type and message). */
    private record Outcome(Object result, Class<?> failure, String message) {

        static Outcome of(Supplier<?> call) {
            try {
                return new Outcome(call.get(), null, null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass(), e.getMessage());
            }
        }
    }

    private SpanData sameAsWithoutTelemetry(Reply reply) {
        return sameAsWithoutTelemetry(server.client(), reply);
    }

    /** The same reply to an unwoven call and to the annotated method: same outcome; the method's span. */
    private SpanData sameAsWithoutTelemetry(OpenAIClient client, Reply reply) {
        server.enqueueChat(reply, reply);
        Outcome bare = Outcome.of(() -> client.chat().completions().create(request()));
        Outcome woven = Outcome.of(() -> new ChatAgent(client).chat(request()));
        assertThat(woven).isEqualTo(bare);
        return report(onlySpan(), describe(woven));
    }

    /** As {@link #sameAsWithoutTelemetry(OpenAIClient, Reply)} for a stream read to its end or its failure. */
    private SpanData streamSameAsWithoutTelemetry(OpenAIClient client, Reply reply) {
        server.enqueueChat(reply, reply);
        List<ChatCompletionChunk> bareChunks = new ArrayList<>();
        Outcome bare = Outcome.of(() -> drain(client.chat().completions().createStreaming(request()), bareChunks));
        List<ChatCompletionChunk> wovenChunks = new ArrayList<>();
        ModelGateway gateway = new ModelGateway(client, null);
        Outcome woven = Outcome.of(() -> drain(gateway.stream(request()), wovenChunks));
        assertThat(woven).isEqualTo(bare);
        assertThat(wovenChunks).isEqualTo(bareChunks).isNotEmpty();
        return report(onlySpan(), wovenChunks.size() + " chunks, then " + describe(woven));
    }

    private SpanData report(SpanData span, String userSaw) {
        System.out.printf("[reliability] malformed/%s: caller got %s (same without telemetry); span ended, status %s,"
                        + " error.type %s, %d attributes%n",
                testName, userSaw, span.getStatus().getStatusCode(), span.getAttributes().get(ERROR_TYPE),
                span.getAttributes().size());
        return span;
    }

    private static Object drain(StreamResponse<ChatCompletionChunk> stream, List<ChatCompletionChunk> into) {
        try (stream) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (chunks.hasNext()) {
                into.add(chunks.next());
            }
        }
        return "stream ended";
    }

    private static String describe(Outcome outcome) {
        return outcome.failure() == null ? "result " + outcome.result().getClass().getSimpleName()
                : outcome.failure().getName() + ": " + Objects.toString(outcome.message(), "").lines().findFirst().orElse("");
    }

    /** The one span of the annotated call, waiting for it to end (a stream's ends when it is closed). */
    private SpanData onlySpan() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (spans.getFinishedSpanItems().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(spans.getFinishedSpanItems()).as("the call's span ended").singleElement()
                .satisfies(span -> assertThat(span.getName()).isEqualTo(SPAN));
        return spans.getFinishedSpanItems().get(0);
    }

    private static void assertError(SpanData span, String errorType) {
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(errorType);
    }

    private static void assertLimitsHold(List<SpanData> finished) {
        for (SpanData span : finished) {
            assertAttributesWithinLimits(span.getName(), span.getAttributes());
            for (EventData event : span.getEvents()) {
                assertAttributesWithinLimits(span.getName() + " event " + event.getName(), event.getAttributes());
            }
        }
    }

    private static void assertAttributesWithinLimits(String where, Attributes attributes) {
        assertThat(attributes.size()).as("attribute count of %s", where).isLessThanOrEqualTo(COUNT_LIMIT);
        attributes.forEach((key, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object single : values) {
                assertThat(single.toString().length()).as("length of %s on %s", key, where).isLessThanOrEqualTo(LENGTH_LIMIT);
            }
        });
    }

    /** {@code json} without {@code field}, whose value is an object. */
    private static String withoutField(String json, String field) {
        int start = json.indexOf(",\"" + field + "\":");
        int end = json.indexOf('{', start);
        for (int depth = 0; ; end++) {
            depth += json.charAt(end) == '{' ? 1 : json.charAt(end) == '}' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        return json.substring(0, start) + json.substring(end + 1);
    }
}
