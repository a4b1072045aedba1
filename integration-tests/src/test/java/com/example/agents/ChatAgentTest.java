package com.example.agents;

import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MAX_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_TEMPERATURE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_OPERATION_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TOKEN_USAGE;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @LlmCall} around the real openai-java client talking to a local server over HTTP. */
class ChatAgentTest {

    private static final String COMPLETION = """
            {"id":"chatcmpl-123","object":"chat.completion","created":1700000000,"model":"gpt-4o-2024-08-06",
             "system_fingerprint":"fp_abc",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there, secret prompt answer"},
                         "finish_reason":"stop","logprobs":null}],
             "usage":{"prompt_tokens":42,"completion_tokens":7,"total_tokens":49,
                      "prompt_tokens_details":{"cached_tokens":16}}}
            """;
    private static final String RATE_LIMITED = """
            {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}
            """;

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> body = new AtomicReference<>(COMPLETION);
    private HttpServer server;
    private OpenAIClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = OpenAIOkHttpClient.builder()
                .apiKey("sk-test-not-a-real-key-000000")
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.stop(0);
    }

    private static ChatCompletionCreateParams request() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .temperature(0.2)
                .maxCompletionTokens(256)
                .addUserMessage("a secret prompt that must not be recorded")
                .build();
    }

    @Test
    void chatCallIsAClientSpanWithRequestResponseAndUsage() {
        ChatCompletion completion = new ChatAgent(client).chat(request());

        assertThat(completion.id()).isEqualTo("chatcmpl-123");
        SpanData span = telemetry.span("chat gpt-4o");
        assertThat(span)
                .hasKind(SpanKind.CLIENT)
                .hasAttributes(Attributes.builder()
                        .put(GEN_AI_OPERATION_NAME, "chat")
                        .put(GEN_AI_PROVIDER_NAME, "openai")
                        .put(GEN_AI_REQUEST_MODEL, "gpt-4o")
                        .put(GEN_AI_REQUEST_TEMPERATURE, 0.2)
                        .put(GEN_AI_REQUEST_MAX_TOKENS, 256L)
                        .put(GEN_AI_RESPONSE_ID, "chatcmpl-123")
                        .put(GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06")
                        .put(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
                        .put(GEN_AI_USAGE_INPUT_TOKENS, 42L)
                        .put(GEN_AI_USAGE_OUTPUT_TOKENS, 7L)
                        .put(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 16L)
                        .put(OPENAI_RESPONSE_SYSTEM_FINGERPRINT, "fp_abc")
                        .build());
        assertThat(span.getAttributes().asMap().values())
                .noneMatch(v -> v.toString().contains("secret prompt"));

        List<HistogramPointData> tokens = telemetry.histogram(METRIC_CLIENT_TOKEN_USAGE);
        assertThat(tokens).hasSize(2);
        Attributes common = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, "chat")
                .put(GEN_AI_PROVIDER_NAME, "openai")
                .put(GEN_AI_REQUEST_MODEL, "gpt-4o")
                .put(GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06")
                .build();
        assertThat(tokens).anySatisfy(p -> {
            assertThat(p.getAttributes()).isEqualTo(common.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build());
            assertThat(p.getSum()).isEqualTo(42.0);
        });
        assertThat(tokens).anySatisfy(p -> {
            assertThat(p.getAttributes()).isEqualTo(common.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build());
            assertThat(p.getSum()).isEqualTo(7.0);
        });
        assertThat(tokens.get(0).getBoundaries()).containsExactly(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0,
                16384.0, 65536.0, 262144.0, 1048576.0, 4194304.0, 16777216.0, 67108864.0);
        assertThat(telemetry.metrics()).filteredOn(m -> m.getName().equals(METRIC_CLIENT_TOKEN_USAGE))
                .singleElement().satisfies(m -> assertThat(m.getUnit()).isEqualTo("{token}"));
        assertThat(telemetry.metrics()).filteredOn(m -> m.getName().equals(METRIC_CLIENT_OPERATION_DURATION))
                .singleElement().satisfies(m -> assertThat(m.getUnit()).isEqualTo("s"));
        assertThat(telemetry.histogram(METRIC_CLIENT_OPERATION_DURATION))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getAttributes()).isEqualTo(common);
                    assertThat(p.getBoundaries()).containsExactly(
                            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
                });
    }

    @Test
    void rateLimitPropagatesUnchangedAndBecomesErrorType429() {
        status.set(429);
        body.set(RATE_LIMITED);

        Throwable thrown = catchThrowable(() -> new ChatAgent(client).chat(request()));

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        SpanData span = telemetry.span("chat gpt-4o");
        assertThat(span).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR));
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("429");
        assertThat(span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isNull();
        assertThat(telemetry.histogram(METRIC_CLIENT_TOKEN_USAGE)).isEmpty();
        assertThat(telemetry.histogram(METRIC_CLIENT_OPERATION_DURATION))
                .singleElement()
                .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("429"));
    }

    @Test
    void modelFromTheAnnotationNamesTheSpanWhenThereIsNoRequest() {
        ChatCompletion canned = new ChatAgent(client).chat(request());

        ChatCompletion same = new ChatAgent(client).chatWithoutRequest(canned);

        assertThat(same).isSameAs(canned);
        SpanData span = telemetry.span("chat gpt-4o-mini");
        assertThat(span.getAttributes().get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
        assertThat(span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(42L);
    }
}
