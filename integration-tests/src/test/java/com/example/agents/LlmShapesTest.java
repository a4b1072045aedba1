package com.example.agents;

import static com.example.agents.OpenAiWireServer.CHAT_PATH;
import static com.example.agents.OpenAiWireServer.chatCompletion;
import static com.example.agents.OpenAiWireServer.chatStream;
import static com.example.agents.OpenAiWireServer.chunk;
import static com.example.agents.OpenAiWireServer.error;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_MESSAGE;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OUTPUT_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MAX_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_TEMPERATURE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_OPERATION_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TOKEN_USAGE;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SERVICE_TIER;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static dev.agentotel.telemetry.GenAiAttributes.SERVER_ADDRESS;
import static dev.agentotel.telemetry.GenAiAttributes.SERVER_PORT;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.satisfies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import com.example.agents.ModelGateway.HouseAnswer;
import com.example.agents.OpenAiWireServer.Reply;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code @LlmCall} return shape, through the real openai-java sync, streaming and async
 * clients against a local server speaking the OpenAI wire format (JSON and SSE): spans, attributes
 * and metrics exact to the contract, and the caller's result unchanged.
 */
class LlmShapesTest {

    private static final String MODEL = "gpt-4o-mini";
    private static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";
    private static final String CHAT_SPAN = "chat " + MODEL;

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    private OpenAiWireServer server;
    private ModelGateway gateway;

    @BeforeEach
    void start() {
        server = OpenAiWireServer.start();
        gateway = new ModelGateway(server.client(), server.asyncClient());
        // Read when the woven code first meets the SDK the fixture just installed.
        System.setProperty("agentotel.llm.base-url", server.baseUrl());
        System.setProperty("agentotel.llm.prices", "gpt-4o-mini = 0.15, 0.60, 0.075; text-embedding-3-small = 0.02, 0");
    }

    @AfterEach
    void stop() {
        System.clearProperty("agentotel.llm.base-url");
        System.clearProperty("agentotel.llm.prices");
        server.close();
    }

    private static ChatCompletionCreateParams chatParams() {
        return ChatCompletionCreateParams.builder().model(MODEL).temperature(0.3).addUserMessage("Say hello").build();
    }

    private static ChatCompletionCreateParams streamParams(boolean includeUsage) {
        return chatParams().toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(includeUsage).build())
                .build();
    }

    // --- synchronous chat ---

    @Test
    void chatRecordsTheCompleteAttributeSetServerAndCostEstimate() {
        server.enqueueChat(Reply.json(chatCompletion("chatcmpl-1", RESPONSE_MODEL, "Hi", "stop", 1000, 200, 400)));
        ChatCompletionCreateParams params = chatParams().toBuilder()
                .maxCompletionTokens(300)
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build();

        ChatCompletion completion = gateway.chat(params);

        assertThat(completion.id()).isEqualTo("chatcmpl-1");
        SpanData span = telemetry.span(CHAT_SPAN);
        // (1000 - 400) * 0.15 + 400 * 0.075 + 200 * 0.60, per million tokens
        double cost = (600 * 0.15 + 400 * 0.075 + 200 * 0.60) / 1e6;
        assertThat(span).hasKind(SpanKind.CLIENT).hasAttributesSatisfyingExactly(
                equalTo(GEN_AI_OPERATION_NAME, "chat"),
                equalTo(GEN_AI_PROVIDER_NAME, "openai"),
                equalTo(GEN_AI_REQUEST_MODEL, MODEL),
                equalTo(GEN_AI_REQUEST_TEMPERATURE, 0.3),
                equalTo(GEN_AI_REQUEST_MAX_TOKENS, 300L),
                equalTo(GEN_AI_OUTPUT_TYPE, "json"),
                equalTo(SERVER_ADDRESS, "127.0.0.1"),
                equalTo(SERVER_PORT, (long) server.port()),
                equalTo(GEN_AI_RESPONSE_ID, "chatcmpl-1"),
                equalTo(GEN_AI_RESPONSE_MODEL, RESPONSE_MODEL),
                equalTo(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop")),
                equalTo(GEN_AI_USAGE_INPUT_TOKENS, 1000L),
                equalTo(GEN_AI_USAGE_OUTPUT_TOKENS, 200L),
                equalTo(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 400L),
                equalTo(OPENAI_RESPONSE_SERVICE_TIER, OpenAiWireServer.SERVICE_TIER),
                equalTo(OPENAI_RESPONSE_SYSTEM_FINGERPRINT, OpenAiWireServer.SYSTEM_FINGERPRINT),
                satisfies(AGENT_USAGE_COST, value -> value.isCloseTo(cost, within(1e-12))));

        Attributes common = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, "chat").put(GEN_AI_PROVIDER_NAME, "openai")
                .put(GEN_AI_REQUEST_MODEL, MODEL).put(GEN_AI_RESPONSE_MODEL, RESPONSE_MODEL)
                .put(SERVER_ADDRESS, "127.0.0.1").put(SERVER_PORT, (long) server.port())
                .build();
        assertThat(point(METRIC_CLIENT_OPERATION_DURATION, common).getCount()).isEqualTo(1);
        assertThat(point(METRIC_CLIENT_TOKEN_USAGE, common.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build()).getSum())
                .isEqualTo(1000.0);
        assertThat(point(METRIC_CLIENT_TOKEN_USAGE, common.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build()).getSum())
                .isEqualTo(200.0);
        assertThat(counter(METRIC_AGENT_USAGE_COST, common)).isCloseTo(cost, within(1e-12));
        assertThat(telemetry.histogram(METRIC_CLIENT_TIME_TO_FIRST_CHUNK)).as("not a stream").isEmpty();
    }

    @Test
    void noPriceTableMeansNoCostAndNoBaseUrlMeansNoServerAttributes() {
        Assumptions.assumeTrue(System.getenv("OPENAI_BASE_URL") == null, "openai-java's own base URL is set");
        System.clearProperty("agentotel.llm.base-url");
        System.clearProperty("agentotel.llm.prices");
        telemetry.reinstall();
        server.enqueueChat(Reply.json(chatCompletion("chatcmpl-2", RESPONSE_MODEL, "Hi", "stop", 10, 2, 0)));

        gateway.chat(chatParams());

        SpanData span = telemetry.span(CHAT_SPAN);
        assertThat(span.getAttributes().get(AGENT_USAGE_COST)).isNull();
        assertThat(span.getAttributes().get(SERVER_ADDRESS)).isNull();
        assertThat(span.getAttributes().get(SERVER_PORT)).isNull();
        assertThat(telemetry.metrics()).extracting(MetricData::getName).doesNotContain(METRIC_AGENT_USAGE_COST);
    }

    // --- streaming ---

    @Test
    void streamSpanStaysOpenUntilExhaustedThenCarriesUsageFinishReasonsAndChunkTimings() {
        List<String> events = chatStream("chatcmpl-s", RESPONSE_MODEL, List.of("Hel", "lo", " world"), "stop", 30, 3, 8);
        server.enqueueChat(Reply.sse(events).withDelay(Duration.ofMillis(5)));

        List<String> deltas;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(true))) {
            assertThat(telemetry.spans()).as("the span is open while the stream is unread").isEmpty();
            deltas = stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.toList());
            assertThat(telemetry.spans()).as("ended when the stream was exhausted, before close").hasSize(1);
        }

        assertThat(String.join("", deltas)).isEqualTo("Hello world");
        SpanData span = telemetry.span(CHAT_SPAN);
        assertThat(span).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
                .hasAttribute(GEN_AI_RESPONSE_ID, "chatcmpl-s")
                .hasAttribute(GEN_AI_RESPONSE_MODEL, RESPONSE_MODEL)
                .hasAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 30L)
                .hasAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, 3L)
                .hasAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 8L);
        double timeToFirstChunk = span.getAttributes().get(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
        double spanSeconds = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
        assertThat(timeToFirstChunk).isPositive().isLessThanOrEqualTo(spanSeconds);

        Attributes common = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, "chat").put(GEN_AI_PROVIDER_NAME, "openai")
                .put(GEN_AI_REQUEST_MODEL, MODEL).put(GEN_AI_RESPONSE_MODEL, RESPONSE_MODEL)
                .put(SERVER_ADDRESS, "127.0.0.1").put(SERVER_PORT, (long) server.port())
                .build();
        HistogramPointData first = point(METRIC_CLIENT_TIME_TO_FIRST_CHUNK, common);
        assertThat(first.getCount()).isEqualTo(1);
        assertThat(first.getSum()).isEqualTo(timeToFirstChunk);
        assertThat(point(METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK, common).getCount())
                .as("one per chunk after the first: %s chunks", events.size())
                .isEqualTo(events.size() - 1);
        assertThat(point(METRIC_CLIENT_TOKEN_USAGE, common.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build()).getSum())
                .isEqualTo(30.0);
        assertThat(point(METRIC_CLIENT_OPERATION_DURATION, common).getSum()).isCloseTo(spanSeconds, within(0.05));
    }

    @Test
    void finishReasonsOfSeveralChoicesAreInChoiceOrderAndAHugeIndexIsIgnored() {
        server.enqueueChat(Reply.sse(List.of(
                chunk("chatcmpl-n2", RESPONSE_MODEL, "b", "length").replace("\"index\":0", "\"index\":1"),
                chunk("chatcmpl-n2", RESPONSE_MODEL, "a", "stop"),
                chunk("chatcmpl-n2", RESPONSE_MODEL, "z", "stop").replace("\"index\":0", "\"index\":2000000000"))));

        try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(false))) {
            assertThat(stream.stream().count()).isEqualTo(3);
        }

        assertThat(telemetry.span(CHAT_SPAN)).hasAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop", "length"));
    }

    @Test
    void callingStreamTwiceBehavesAsItDoesWithoutAgentotel() {
        List<String> events = chatStream("chatcmpl-t", RESPONSE_MODEL, List.of("a"), "stop", 3, 1, 0);
        server.enqueueChat(Reply.sse(events), Reply.sse(events));

        Throwable plainSecond;
        try (StreamResponse<ChatCompletionChunk> plain = server.client().chat().completions()
                .createStreaming(streamParams(true))) {
            assertThat(plain.stream().count()).isEqualTo(events.size());
            plainSecond = catchThrowable(() -> plain.stream().count());
        }
        Throwable observedSecond;
        try (StreamResponse<ChatCompletionChunk> observed = gateway.stream(streamParams(true))) {
            assertThat(observed.stream().count()).isEqualTo(events.size());
            observedSecond = catchThrowable(() -> observed.stream().count());
        }

        assertThat(plainSecond).isNotNull();
        assertThat(observedSecond).hasSameClassAs(plainSecond).hasMessage(plainSecond.getMessage());
        assertThat(telemetry.span(CHAT_SPAN)).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 3L);
    }

    @Test
    void streamWithoutUsageSaysSoByHavingNoTokenAttributesOrTokenMetrics() {
        List<String> events = List.of(
                chunk("chatcmpl-n", RESPONSE_MODEL, "Hi", null),
                chunk("chatcmpl-n", RESPONSE_MODEL, "!", "stop"));
        server.enqueueChat(Reply.sse(events));

        long count;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(false))) {
            count = stream.stream().count();
        }

        assertThat(count).isEqualTo(2);
        SpanData span = telemetry.span(CHAT_SPAN);
        assertThat(span).hasAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"));
        assertThat(span.getAttributes().asMap().keySet()).extracting(Object::toString)
                .doesNotContain(GEN_AI_USAGE_INPUT_TOKENS.getKey(), GEN_AI_USAGE_OUTPUT_TOKENS.getKey(),
                        AGENT_USAGE_COST.getKey());
        assertThat(telemetry.histogram(METRIC_CLIENT_TOKEN_USAGE)).isEmpty();
        assertThat(telemetry.histogram(METRIC_CLIENT_OPERATION_DURATION)).hasSize(1);
    }

    @Test
    void streamClosedEarlyEndsTheSpanWithWhatArrived() {
        List<String> events = chatStream("chatcmpl-e", RESPONSE_MODEL, List.of("a", "b", "c", "d"), "stop", 5, 4, 0);
        server.enqueueChat(Reply.sse(events).withDelay(Duration.ofMillis(20)));

        ChatCompletionChunk first;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(true))) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            first = chunks.next();
            assertThat(telemetry.spans()).isEmpty();
        }

        assertThat(first.id()).isEqualTo("chatcmpl-e");
        SpanData span = telemetry.span(CHAT_SPAN);
        assertThat(span).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
                .hasAttribute(GEN_AI_RESPONSE_ID, "chatcmpl-e")
                .hasAttribute(GEN_AI_RESPONSE_MODEL, RESPONSE_MODEL);
        assertThat(span.getAttributes().get(GEN_AI_RESPONSE_FINISH_REASONS)).as("no choice finished").isNull();
        assertThat(span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).as("usage comes last").isNull();
        assertThat(span.getAttributes().get(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull();
    }

    @Test
    void streamFailingMidwayEndsTheSpanInErrorAndTheCallerSeesTheClientsException() {
        List<String> before = List.of(chunk("chatcmpl-f", RESPONSE_MODEL, "par", null));
        server.enqueueChat(Reply.sseThenDrop(before));

        StringBuilder received = new StringBuilder();
        Throwable thrown;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(true))) {
            thrown = catchThrowable(() -> stream.stream().forEach(chunk ->
                    received.append(chunk.choices().get(0).delta().content().orElse(""))));
        }

        assertThat(received).hasToString("par");
        assertThat(thrown).isInstanceOf(OpenAIIoException.class);
        SpanData span = telemetry.span(CHAT_SPAN);
        assertThat(span).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(ERROR_TYPE, OpenAIIoException.class.getName())
                .hasAttribute(GEN_AI_RESPONSE_ID, "chatcmpl-f");
        EventData event = span.getEvents().get(0);
        assertThat(event.getAttributes().get(EXCEPTION_TYPE)).isEqualTo(OpenAIIoException.class.getName());
        assertThat(event.getAttributes().get(EXCEPTION_MESSAGE)).isEqualTo(thrown.getMessage());
        assertThat(point(METRIC_CLIENT_OPERATION_DURATION,
                attributesOf(METRIC_CLIENT_OPERATION_DURATION).get(0)).getCount()).isEqualTo(1);
        assertThat(attributesOf(METRIC_CLIENT_OPERATION_DURATION).get(0).get(ERROR_TYPE))
                .isEqualTo(OpenAIIoException.class.getName());
    }

    @Test
    void streamErrorEventIsAnErrorNamedByItsClassNotByTheStatus200OfTheStream() {
        server.enqueueChat(Reply.sseError(List.of(chunk("chatcmpl-x", RESPONSE_MODEL, "a", null)),
                error("The server had an error", "server_error", null)));

        Throwable thrown;
        try (StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(true))) {
            thrown = catchThrowable(() -> stream.stream().forEach(chunk -> { }));
        }

        assertThat(thrown).isInstanceOf(SseException.class);
        assertThat(telemetry.span(CHAT_SPAN)).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(ERROR_TYPE, SseException.class.getName());
    }

    @Test
    void streamRejectedBeforeTheFirstChunkFailsTheCallWithTheStatusCode() {
        server.enqueueChat(Reply.status(429, error("Rate limit reached", "requests", "rate_limit_exceeded")));

        Throwable thrown = catchThrowable(() -> gateway.stream(streamParams(true)).stream().count());

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(telemetry.span(CHAT_SPAN)).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(ERROR_TYPE, "429");
    }

    @Test
    void concurrentStreamsEachGetTheirOwnSpanUnderTheirOwnParent() throws Exception {
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            server.enqueueChat(Reply.sse(chatStream("chatcmpl-" + i, RESPONSE_MODEL, List.of("x", "y"), "stop", i + 1, 2, 0)));
        }
        Map<String, String> parentByResponseId = new ConcurrentHashMap<>();
        Map<String, Long> inputTokensByResponseId = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> futures = IntStream.range(0, calls).mapToObj(i -> pool.submit(() -> {
                Span parent = telemetry.tracer().spanBuilder("caller " + i).startSpan();
                try (Scope ignored = parent.makeCurrent();
                        StreamResponse<ChatCompletionChunk> stream = gateway.stream(streamParams(true))) {
                    List<ChatCompletionChunk> chunks = stream.stream().collect(Collectors.toList());
                    String id = chunks.get(0).id();
                    parentByResponseId.put(id, parent.getSpanContext().getSpanId());
                    inputTokensByResponseId.put(id, chunks.get(chunks.size() - 1).usage().orElseThrow().promptTokens());
                } finally {
                    parent.end();
                }
                return null;
            })).collect(Collectors.toList());
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<SpanData> llmSpans = telemetry.spans().stream()
                .filter(span -> span.getName().equals(CHAT_SPAN))
                .collect(Collectors.toList());
        assertThat(llmSpans).hasSize(calls);
        assertThat(parentByResponseId).hasSize(calls);
        for (SpanData span : llmSpans) {
            String id = span.getAttributes().get(GEN_AI_RESPONSE_ID);
            assertThat(span.getParentSpanId()).as("parent of %s", id).isEqualTo(parentByResponseId.get(id));
            assertThat(span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).as("tokens of %s", id)
                    .isEqualTo(inputTokensByResponseId.get(id));
        }
    }

    // --- async ---

    @Test
    void asyncCallDoesNotBlockTheCallerAndEndsWhenTheFutureCompletes() {
        server.enqueueChat(Reply.hang(Duration.ofMillis(300),
                Reply.json(chatCompletion("chatcmpl-a", RESPONSE_MODEL, "Hi", "stop", 11, 4, 0))));

        CompletableFuture<ChatCompletion> future = gateway.chatAsync(chatParams());

        assertThat(future).as("returned before the server answered").isNotDone();
        assertThat(telemetry.spans()).isEmpty();
        assertThat(future.join().id()).isEqualTo("chatcmpl-a");
        SpanData span = telemetry.awaitSpan(CHAT_SPAN);
        assertThat(span).hasKind(SpanKind.CLIENT).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
                .hasAttribute(GEN_AI_RESPONSE_ID, "chatcmpl-a")
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 11L)
                .hasAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, 4L);
        assertThat((span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void asyncFailureRecordsTheStatusCodeOnSpanAndDurationMetric() {
        server.enqueueChat(Reply.status(429, error("Rate limit reached", "requests", "rate_limit_exceeded")));

        Throwable thrown = catchThrowable(() -> gateway.chatAsync(chatParams()).join());

        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(RateLimitException.class);
        SpanData span = telemetry.awaitSpan(CHAT_SPAN);
        assertThat(span).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error()).hasAttribute(ERROR_TYPE, "429");
        assertThat(attributesOf(METRIC_CLIENT_OPERATION_DURATION)).singleElement()
                .satisfies(attributes -> assertThat(attributes.get(ERROR_TYPE)).isEqualTo("429"));
    }

    @Test
    void cancelledFutureEndsTheSpan() {
        server.enqueueChat(Reply.hang(Duration.ofSeconds(10)));

        CompletableFuture<ChatCompletion> future = gateway.chatAsync(chatParams());
        future.cancel(true);

        SpanData span = telemetry.awaitSpan(CHAT_SPAN);
        assertThat(span).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(ERROR_TYPE, CancellationException.class.getName());
    }

    // --- embeddings, Responses API, user types ---

    @Test
    void embeddingsAreAnEmbeddingsOperationWithInputTokensOnly() {
        server.enqueueEmbeddings(Reply.json(OpenAiWireServer.embedding("text-embedding-3-small", 9, 4)));

        CreateEmbeddingResponse response = gateway.embed(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the Eiffel Tower").build());

        assertThat(response.data()).hasSize(1);
        SpanData span = telemetry.span("embeddings text-embedding-3-small");
        assertThat(span).hasKind(SpanKind.CLIENT)
                .hasAttribute(GEN_AI_OPERATION_NAME, "embeddings")
                .hasAttribute(GEN_AI_REQUEST_MODEL, "text-embedding-3-small")
                .hasAttribute(GEN_AI_RESPONSE_MODEL, "text-embedding-3-small")
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 9L);
        assertThat(span.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS)).isNull();
        assertThat(span.getAttributes().get(AGENT_USAGE_COST)).isCloseTo(9 * 0.02 / 1e6, within(1e-15));
        assertThat(telemetry.histogram(METRIC_CLIENT_TOKEN_USAGE)).singleElement()
                .satisfies(point -> assertThat(point.getAttributes().get(GEN_AI_TOKEN_TYPE)).isEqualTo("input"));
    }

    @Test
    void responsesApiReadsRequestUsageAndStatus() {
        server.enqueueResponses(Reply.json(OpenAiWireServer.response("resp_1", RESPONSE_MODEL, "Hi", 21, 6, 5)));

        Response response = gateway.respond(ResponseCreateParams.builder()
                .model(MODEL).input("Say hi").temperature(0.5).maxOutputTokens(64L).build());

        assertThat(response.id()).isEqualTo("resp_1");
        assertThat(telemetry.span(CHAT_SPAN)).hasKind(SpanKind.CLIENT)
                .hasAttribute(GEN_AI_OPERATION_NAME, "chat")
                .hasAttribute(GEN_AI_REQUEST_TEMPERATURE, 0.5)
                .hasAttribute(GEN_AI_REQUEST_MAX_TOKENS, 64L)
                .hasAttribute(GEN_AI_RESPONSE_ID, "resp_1")
                .hasAttribute(GEN_AI_RESPONSE_MODEL, RESPONSE_MODEL)
                .hasAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of("completed"))
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 21L)
                .hasAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, 6L)
                .hasAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 5L);
    }

    @Test
    void asyncResponsesApiEndsWhenTheFutureCompletes() {
        server.enqueueResponses(Reply.json(OpenAiWireServer.response("resp_2", RESPONSE_MODEL, "Hi", 7, 2, 0)));

        Response response = gateway.respondAsync(ResponseCreateParams.builder().model(MODEL).input("Hi").build()).join();

        assertThat(response.id()).isEqualTo("resp_2");
        assertThat(telemetry.awaitSpan(CHAT_SPAN)).hasAttribute(GEN_AI_RESPONSE_ID, "resp_2")
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 7L);
    }

    @Test
    void userTypesImplementingGenAiResponseAreReadSyncAndAsync() {
        HouseAnswer answer = gateway.house("meaning of life?");
        CompletableFuture<HouseAnswer> pending = new CompletableFuture<>();
        CompletableFuture<HouseAnswer> returned = gateway.houseAsync(pending);

        assertThat(answer.text()).isEqualTo("42");
        assertThat(returned).as("the same future, not a copy").isSameAs(pending);
        assertThat(telemetry.spans()).hasSize(1);
        pending.complete(new HouseAnswer("43", "house-model-v3", 20, 5));

        List<SpanData> spans = telemetry.spans();
        assertThat(spans).hasSize(2).allSatisfy(span -> assertThat(span).hasName("chat house-model")
                .hasAttribute(GEN_AI_PROVIDER_NAME, "acme")
                .hasAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop")));
        assertThat(spans.get(0)).hasAttribute(GEN_AI_RESPONSE_MODEL, "house-model-v2")
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 12L).hasAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, 3L);
        assertThat(spans.get(1)).hasAttribute(GEN_AI_RESPONSE_MODEL, "house-model-v3")
                .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 20L).hasAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, 5L);
    }

    // --- errors and retries ---

    @ParameterizedTest
    @CsvSource({"400, com.openai.errors.BadRequestException", "401, com.openai.errors.UnauthorizedException",
        "429, com.openai.errors.RateLimitException", "500, com.openai.errors.InternalServerException"})
    void serviceErrorsAreErrorsNamedByTheirStatusCode(int status, String exceptionClass) {
        server.enqueueChat(Reply.status(status, error("failed with " + status, "invalid_request_error", null)));

        Throwable thrown = catchThrowable(() -> gateway.chat(chatParams()));

        assertThat(thrown).isInstanceOf(OpenAIServiceException.class);
        assertThat(thrown.getClass().getName()).isEqualTo(exceptionClass);
        SpanData span = telemetry.span(CHAT_SPAN);
        assertThat(span).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(ERROR_TYPE, Integer.toString(status));
        assertThat(span.getEvents()).singleElement().satisfies(event ->
                assertThat(event.getAttributes().get(EXCEPTION_TYPE)).isEqualTo(exceptionClass));
        assertThat(attributesOf(METRIC_CLIENT_OPERATION_DURATION)).singleElement()
                .satisfies(attributes -> assertThat(attributes.get(ERROR_TYPE)).isEqualTo(Integer.toString(status)));
        assertThat(telemetry.histogram(METRIC_CLIENT_TOKEN_USAGE)).isEmpty();
    }

    @Test
    void unreachableServerIsAnIoErrorNamedByItsClass() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ModelGateway unreachable = new ModelGateway(server.clientBuilder()
                .baseUrl("http://127.0.0.1:" + closedPort + "/v1").build(), server.asyncClient());

        Throwable thrown = catchThrowable(() -> unreachable.chat(chatParams()));

        assertThat(thrown).isInstanceOf(OpenAIIoException.class);
        assertThat(telemetry.span(CHAT_SPAN)).hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(ERROR_TYPE, OpenAIIoException.class.getName());
    }

    @Test
    void timeoutIsAnIoErrorNamedByItsClass() {
        server.enqueueChat(Reply.hang(Duration.ofSeconds(5)));
        ModelGateway impatient = new ModelGateway(server.client(Duration.ofMillis(300)), server.asyncClient());

        Throwable thrown = catchThrowable(() -> impatient.chat(chatParams()));

        assertThat(thrown).isInstanceOf(OpenAIIoException.class);
        assertThat(telemetry.span(CHAT_SPAN)).hasAttribute(ERROR_TYPE, OpenAIIoException.class.getName());
    }

    @Test
    void retriesInsideTheClientStayInsideOneSpan() {
        server.enqueueChat(
                Reply.status(429, error("Rate limit reached", "requests", "rate_limit_exceeded")).retryNow(),
                Reply.json(chatCompletion("chatcmpl-r", RESPONSE_MODEL, "Hi", "stop", 10, 2, 0)));
        ModelGateway patient = new ModelGateway(server.client(2), server.asyncClient());

        ChatCompletion completion = patient.chat(chatParams());

        assertThat(completion.id()).isEqualTo("chatcmpl-r");
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(2);
        assertThat(telemetry.spans()).singleElement().satisfies(span -> assertThat(span)
                .hasName(CHAT_SPAN)
                .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
                .hasAttribute(GEN_AI_RESPONSE_ID, "chatcmpl-r"));
        assertThat(attributesOf(METRIC_CLIENT_OPERATION_DURATION)).singleElement()
                .satisfies(attributes -> assertThat(attributes.get(ERROR_TYPE)).isNull());
    }

    // --- helpers ---

    private HistogramPointData point(String metric, Attributes attributes) {
        List<HistogramPointData> points = telemetry.histogram(metric).stream()
                .filter(point -> point.getAttributes().equals(attributes))
                .collect(Collectors.toList());
        assertThat(points).as("%s points with %s among %s", metric, attributes, telemetry.histogram(metric)).hasSize(1);
        return points.get(0);
    }

    private List<Attributes> attributesOf(String metric) {
        return telemetry.histogram(metric).stream().map(HistogramPointData::getAttributes).collect(Collectors.toList());
    }

    private double counter(String metric, Attributes attributes) {
        Predicate<MetricData> named = data -> data.getName().equals(metric);
        return telemetry.metrics().stream().filter(named)
                .flatMap(data -> data.getDoubleSumData().getPoints().stream())
                .filter(point -> point.getAttributes().equals(attributes))
                .mapToDouble(point -> point.getValue())
                .sum();
    }
}
