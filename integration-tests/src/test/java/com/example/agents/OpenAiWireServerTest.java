package com.example.agents;

import static com.example.agents.OpenAiWireServer.CHAT_PATH;
import static com.example.agents.OpenAiWireServer.EMBEDDINGS_PATH;
import static com.example.agents.OpenAiWireServer.RESPONSES_PATH;
import static com.example.agents.OpenAiWireServer.chatCompletion;
import static com.example.agents.OpenAiWireServer.chatStream;
import static com.example.agents.OpenAiWireServer.chunk;
import static com.example.agents.OpenAiWireServer.error;
import static com.example.agents.OpenAiWireServer.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.agents.OpenAiWireServer.Recorded;
import com.example.agents.OpenAiWireServer.Reply;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseUsage;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the real openai-java 4.101.0 clients against {@link OpenAiWireServer}. */
class OpenAiWireServerTest {

    private static final String MODEL = "gpt-4o-mini-2024-07-18";

    private OpenAiWireServer server;

    @BeforeEach
    void start() {
        server = OpenAiWireServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ChatCompletionCreateParams chatParams() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("Say hello")
                .build();
    }

    private static ChatCompletionCreateParams streamParams() {
        return chatParams().toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
    }

    @Test
    @SuppressWarnings("deprecation") // systemFingerprint() is deprecated upstream but still sent and parsed
    void syncChatCompletionIsParsed() {
        server.enqueueChat(Reply.json(chatCompletion("chatcmpl-1", MODEL, "Hi \"there\"\n", "length", 42, 7, 16)));

        ChatCompletion completion = server.client().chat().completions().create(chatParams()).validate();

        assertThat(completion.id()).isEqualTo("chatcmpl-1");
        assertThat(completion.model()).isEqualTo(MODEL);
        assertThat(completion.created()).isEqualTo(OpenAiWireServer.CREATED);
        assertThat(completion.systemFingerprint()).contains(OpenAiWireServer.SYSTEM_FINGERPRINT);
        assertThat(completion.serviceTier()).contains(ChatCompletion.ServiceTier.DEFAULT);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(choice.message().content()).contains("Hi \"there\"\n");
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(42);
            assertThat(usage.completionTokens()).isEqualTo(7);
            assertThat(usage.totalTokens()).isEqualTo(49);
            assertThat(usage.promptTokensDetails().flatMap(d -> d.cachedTokens())).contains(16L);
        });

        Recorded request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(CHAT_PATH);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + OpenAiWireServer.API_KEY);
        assertThat(request.headers()).containsKey("content-type").allSatisfy((name, values) ->
                assertThat(name).isLowerCase());
        assertThat(request.body()).contains("\"model\":\"gpt-4o-mini\"", "Say hello");
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(1);
    }

    @Test
    void defaultRepliesServeEmptyQueues() {
        OpenAIClient client = server.client();
        assertThat(client.chat().completions().create(chatParams()).validate().id()).isEqualTo("chatcmpl-default");

        server.setDefault(CHAT_PATH, Reply.json(chatCompletion("chatcmpl-d2", MODEL, "x", "stop", 1, 1, 0)));
        assertThat(client.chat().completions().create(chatParams()).id()).isEqualTo("chatcmpl-d2");
        assertThat(client.chat().completions().create(chatParams()).id()).isEqualTo("chatcmpl-d2");
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(3);
    }

    @Test
    void streamingYieldsScriptedChunksInOrderIncludingUsage() {
        List<String> events = chatStream("chatcmpl-s", MODEL, List.of("Hel", "lo", " world"), "stop", 30, 3, 8);
        server.enqueueChat(Reply.sse(events).withDelay(Duration.ofMillis(5)));

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(streamParams())) {
            chunks = stream.stream().map(ChatCompletionChunk::validate).toList();
        }

        assertThat(chunks).hasSize(6).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo("chatcmpl-s");
            assertThat(c.model()).isEqualTo(MODEL);
        });
        assertThat(chunks.get(0).choices().get(0).delta().role())
                .contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        assertThat(chunks.subList(1, 4).stream().map(c -> c.choices().get(0).delta().content().orElseThrow())
                .collect(Collectors.joining())).isEqualTo("Hello world");
        assertThat(chunks.get(4).choices().get(0).finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletionChunk last = chunks.get(5);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(30);
            assertThat(usage.completionTokens()).isEqualTo(3);
            assertThat(usage.promptTokensDetails().flatMap(d -> d.cachedTokens())).contains(8L);
        });
        assertThat(chunks.subList(0, 5)).allSatisfy(c -> assertThat(c.usage()).isEmpty());
        assertThat(server.requests(CHAT_PATH).get(0).body())
                .contains("\"stream\":true", "\"include_usage\":true");
    }

    @Test
    void droppedStreamThrowsOpenAiIoExceptionAfterDeliveringEarlierChunks() {
        server.enqueueChat(Reply.sseThenDrop(List.of(
                chunk("chatcmpl-d", MODEL, "partial ", null), chunk("chatcmpl-d", MODEL, "answer", null))));

        List<String> seen = new ArrayList<>();
        Throwable thrown;
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(streamParams())) {
            Iterator<ChatCompletionChunk> it = stream.stream().iterator();
            thrown = catchThrowable(() -> it.forEachRemaining(
                    c -> seen.add(c.choices().get(0).delta().content().orElseThrow())));
        }

        assertThat(seen).containsExactly("partial ", "answer");
        // openai-java wraps okhttp's IOException for the truncated chunked body.
        assertThat(thrown).isExactlyInstanceOf(OpenAIIoException.class).hasMessage("Stream failed");
        assertThat(thrown.getCause()).isExactlyInstanceOf(EOFException.class);
    }

    @Test
    void errorEventInStreamThrowsSseException() {
        server.enqueueChat(Reply.sseError(List.of(chunk("chatcmpl-e", MODEL, "before", null)),
                error("The server had an error while processing your request.", "server_error", "server_error")));

        List<ChatCompletionChunk> seen = new ArrayList<>();
        Throwable thrown;
        try (StreamResponse<ChatCompletionChunk> stream =
                server.client().chat().completions().createStreaming(streamParams())) {
            thrown = catchThrowable(() -> stream.stream().forEach(seen::add));
        }

        assertThat(seen).hasSize(1);
        assertThat(thrown).isExactlyInstanceOf(SseException.class)
                .hasMessage("200: The server had an error while processing your request.");
        assertThat(((SseException) thrown).statusCode()).isEqualTo(200);
        assertThat(((SseException) thrown).body().toString()).contains("server_error");
    }

    @Test
    void asyncClientCompletesTheFuture() throws Exception {
        server.enqueueChat(Reply.json(chatCompletion("chatcmpl-a", MODEL, "async hi", "stop", 5, 2, 0)));

        CompletableFuture<ChatCompletion> future = server.asyncClient().chat().completions().create(chatParams());

        ChatCompletion completion = future.get(5, TimeUnit.SECONDS);
        assertThat(completion.id()).isEqualTo("chatcmpl-a");
        assertThat(completion.choices().get(0).message().content()).contains("async hi");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(7);
    }

    @Test
    void embeddingsAreParsedWithUsage() {
        server.enqueueEmbeddings(Reply.json(OpenAiWireServer.embedding("text-embedding-3-small", 12, 16)));

        CreateEmbeddingResponse response = server.client().embeddings().create(EmbeddingCreateParams.builder()
                .model(EmbeddingModel.TEXT_EMBEDDING_3_SMALL)
                .input("embed me")
                .build()).validate();

        assertThat(response.model()).isEqualTo("text-embedding-3-small");
        assertThat(response.data()).hasSize(1);
        assertThat(response.data().get(0).embedding()).hasSize(16);
        assertThat(response.data().get(0).index()).isZero();
        assertThat(response.usage().promptTokens()).isEqualTo(12);
        assertThat(response.usage().totalTokens()).isEqualTo(12);
        assertThat(server.requestCount(EMBEDDINGS_PATH)).isEqualTo(1);
    }

    @Test
    void responsesApiIsParsedWithUsage() {
        server.enqueueResponses(Reply.json(OpenAiWireServer.response("resp_1", MODEL, "Responses hi", 20, 4, 6)));

        Response response = server.client().responses().create(ResponseCreateParams.builder()
                .model("gpt-4o-mini")
                .input("Say hi")
                .build());

        // validate() checks every required field, i.e. the payload is a complete Response.
        assertThat(response.validate().isValid()).isTrue();
        assertThat(response.id()).isEqualTo("resp_1");
        assertThat(response.model().asChat().asString()).isEqualTo(MODEL);
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Responses hi");
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(20);
        assertThat(usage.outputTokens()).isEqualTo(4);
        assertThat(usage.totalTokens()).isEqualTo(24);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(6);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
        assertThat(server.requestCount(RESPONSES_PATH)).isEqualTo(1);
    }

    @Test
    void errorStatusesMapToTypedExceptions() {
        List<Integer> codes = List.of(400, 401, 403, 404, 422, 429, 500);
        for (int code : codes) {
            server.enqueueChat(Reply.status(code, error("status " + code, "test_error", "code_" + code)));
        }
        OpenAIClient client = server.client();

        List<String> thrown = new ArrayList<>();
        for (int code : codes) {
            Throwable t = catchThrowable(() -> client.chat().completions().create(chatParams()));
            assertThat(t).isInstanceOf(OpenAIServiceException.class).hasMessageContaining("status " + code);
            assertThat(((OpenAIServiceException) t).statusCode()).isEqualTo(code);
            thrown.add(t.getClass().getSimpleName());
        }

        assertThat(thrown).containsExactly("BadRequestException", "UnauthorizedException",
                "PermissionDeniedException", "NotFoundException", "UnprocessableEntityException",
                "RateLimitException", "InternalServerException");
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(codes.size());
    }

    @Test
    void rateLimitIsRetriedOnceThenSucceeds() {
        server.enqueueChat(
                Reply.status(429, error("Rate limit reached", "requests", "rate_limit_exceeded")).retryNow(),
                Reply.json(chatCompletion("chatcmpl-r", MODEL, "after retry", "stop", 3, 2, 0)));

        ChatCompletion completion = server.client(2).chat().completions().create(chatParams());

        assertThat(completion.id()).isEqualTo("chatcmpl-r");
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(2);
        // openai-java numbers its attempts in x-stainless-retry-count.
        assertThat(server.requests(CHAT_PATH)).extracting(r -> r.header("x-stainless-retry-count"))
                .containsExactly("0", "1");
    }

    @Test
    void hangLongerThanTheTimeoutThrowsOpenAiIoException() {
        server.enqueueChat(Reply.hang(Duration.ofSeconds(10)));
        OpenAIClient client = server.client(Duration.ofMillis(300));

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> client.chat().completions().create(chatParams()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(thrown).isExactlyInstanceOf(OpenAIIoException.class).hasMessage("Request failed");
        assertThat(thrown.getCause()).isExactlyInstanceOf(InterruptedIOException.class)
                .hasMessage("timeout");
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(1);
    }

    @Test
    void twoHundredConcurrentStreamsAllSucceed() throws Exception {
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            server.enqueueChat(Reply.sse(chatStream("chatcmpl-c" + i, MODEL, List.of("a", "b"), "stop", 4, 2, 0))
                    .withDelay(Duration.ofMillis(2)));
        }
        OpenAIClient client = server.client();
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream =
                            client.chat().completions().createStreaming(streamParams())) {
                        List<ChatCompletionChunk> chunks = stream.stream().toList();
                        assertThat(chunks).hasSize(5);
                        assertThat(chunks.get(4).usage()).isPresent();
                        return chunks.get(0).id();
                    }
                }));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> result : results) {
                ids.add(result.get(10, TimeUnit.SECONDS));
            }
            // Each request took a different scripted reply.
            assertThat(ids).isEqualTo(IntStream.range(0, calls).mapToObj(i -> "chatcmpl-c" + i)
                    .collect(Collectors.toSet()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requestCount(CHAT_PATH)).isEqualTo(calls);
        assertThat(server.pending(CHAT_PATH)).isZero();
    }

    @Test
    void unscriptedPathAnswers404AndUsageChunkHasNoChoices() {
        Throwable thrown = catchThrowable(() -> server.client().models().list());
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        assertThat(usageChunk("id", MODEL, 1, 2, 0)).contains("\"choices\":[]", "\"total_tokens\":3");
    }
}
