package com.example.agents;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that speaks enough of the OpenAI wire format for the real openai-java clients
 * (sync, streaming and async) to talk to it.
 *
 * <p>Every path has a FIFO queue of scripted {@link Reply replies}; each request atomically takes the next one, or
 * the path's default reply when the queue is empty. Defaults exist for {@value #CHAT_PATH}, {@value #EMBEDDINGS_PATH}
 * and {@value #RESPONSES_PATH}; any other path answers 404 with an OpenAI error body unless scripted. Every request
 * is {@link #requests() recorded} before it is answered.
 *
 * <p>What openai-java 4.101.0 does with each reply kind (verified by {@code OpenAiWireServerTest}):
 * <ul>
 *   <li>{@link Reply#status} 400 / 401 / 403 / 404 / 422 / 429 / 5xx: {@code BadRequestException},
 *       {@code UnauthorizedException}, {@code PermissionDeniedException}, {@code NotFoundException},
 *       {@code UnprocessableEntityException}, {@code RateLimitException}, {@code InternalServerException} (all in
 *       {@code com.openai.errors}, all {@code OpenAIServiceException}s). With retries enabled the client retries
 *       408, 409, 429 and 5xx (and I/O failures such as timeouts), sending {@code x-stainless-retry-count} 0, 1, ...
 *   <li>{@link Reply#sseThenDrop}: the stream yields the events sent before the drop, then its iterator throws
 *       {@code com.openai.errors.OpenAIIoException} ("Stream failed") whose cause is okhttp's
 *       {@code java.io.EOFException} for the truncated chunked body.
 *   <li>{@link Reply#sseError}: the stream yields the events before the error event, then throws
 *       {@code com.openai.errors.SseException} (an {@code OpenAIServiceException}; message
 *       {@code "200: <error.message>"}, {@code statusCode()} 200, {@code body()} the {@code error} object).
 *   <li>{@link Reply#hang} longer than {@link #client(Duration) the client's timeout}:
 *       {@code com.openai.errors.OpenAIIoException} ("Request failed") whose cause is a
 *       {@code java.io.InterruptedIOException} with message "timeout" (okhttp's call timeout). The async client
 *       fails its future with the same exception.
 * </ul>
 */
public final class OpenAiWireServer implements AutoCloseable {

    /** Path of the Chat Completions API. */
    public static final String CHAT_PATH = "/v1/chat/completions";
    /** Path of the Embeddings API. */
    public static final String EMBEDDINGS_PATH = "/v1/embeddings";
    /** Path of the Responses API. */
    public static final String RESPONSES_PATH = "/v1/responses";
    /** The API key the clients built here send. */
    public static final String API_KEY = "sk-test-not-a-real-key";
    /** The {@code system_fingerprint} of the chat payloads built here. */
    public static final String SYSTEM_FINGERPRINT = "fp_wire_test";
    /** The {@code service_tier} of the chat payloads built here. */
    public static final String SERVICE_TIER = "default";
    /** The {@code created} timestamp (epoch seconds) of the payloads built here. */
    public static final long CREATED = 1_700_000_000L;

    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, Queue<Reply>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final List<Runnable> closers = new CopyOnWriteArrayList<>();

    private OpenAiWireServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        defaults.put(CHAT_PATH, Reply.json(chatCompletion(
                "chatcmpl-default", "gpt-4o-mini", "Hello from the wire server", "stop", 10, 5, 0)));
        defaults.put(EMBEDDINGS_PATH, Reply.json(embedding("text-embedding-3-small", 4, 8)));
        defaults.put(RESPONSES_PATH, Reply.json(response(
                "resp_default", "gpt-4o-mini", "Hello from the wire server", 10, 5, 0)));
    }

    /** Starts a server on {@code 127.0.0.1} on a free port. */
    public static OpenAiWireServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "openai-wire-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        OpenAiWireServer wire = new OpenAiWireServer(server, executor);
        server.createContext("/", wire::handle);
        server.setExecutor(executor);
        server.start();
        return wire;
    }

    /** The base URL to give an OpenAI client, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** A sync client for this server that does not retry. Closed with the server. */
    public OpenAIClient client() {
        return client(0);
    }

    /** A sync client for this server with the given number of retries. Closed with the server. */
    public OpenAIClient client(int maxRetries) {
        OpenAIClient client = clientBuilder().maxRetries(maxRetries).build();
        closers.add(client::close);
        return client;
    }

    /** A sync client for this server that does not retry and gives up on a request after {@code timeout}. */
    public OpenAIClient client(Duration timeout) {
        OpenAIClient client = clientBuilder().timeout(timeout).build();
        closers.add(client::close);
        return client;
    }

    /**
     * A builder preset with {@link #baseUrl()}, {@link #API_KEY} and no retries, for clients that need more settings.
     * Clients built from it are not closed with the server.
     */
    public OpenAIOkHttpClient.Builder clientBuilder() {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(API_KEY).maxRetries(0);
    }

    /** An async client for this server that does not retry. Closed with the server. */
    public OpenAIClientAsync asyncClient() {
        return asyncClient(0);
    }

    /** An async client for this server with the given number of retries. Closed with the server. */
    public OpenAIClientAsync asyncClient(int maxRetries) {
        OpenAIClientAsync client = asyncClientBuilder().maxRetries(maxRetries).build();
        closers.add(client::close);
        return client;
    }

    /** An async client for this server that does not retry and gives up on a request after {@code timeout}. */
    public OpenAIClientAsync asyncClient(Duration timeout) {
        OpenAIClientAsync client = asyncClientBuilder().timeout(timeout).build();
        closers.add(client::close);
        return client;
    }

    /** Like {@link #clientBuilder()}, for async clients. */
    public OpenAIOkHttpClientAsync.Builder asyncClientBuilder() {
        return OpenAIOkHttpClientAsync.builder().baseUrl(baseUrl()).apiKey(API_KEY).maxRetries(0);
    }

    /** Appends replies to the FIFO queue of {@code path} (e.g. {@link #CHAT_PATH}). */
    public OpenAiWireServer enqueue(String path, Reply... replies) {
        Queue<Reply> queue = scripted.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        for (Reply reply : replies) {
            queue.add(Objects.requireNonNull(reply, "reply"));
        }
        return this;
    }

    /** Appends replies to the queue of {@link #CHAT_PATH}. */
    public OpenAiWireServer enqueueChat(Reply... replies) {
        return enqueue(CHAT_PATH, replies);
    }

    /** Appends replies to the queue of {@link #EMBEDDINGS_PATH}. */
    public OpenAiWireServer enqueueEmbeddings(Reply... replies) {
        return enqueue(EMBEDDINGS_PATH, replies);
    }

    /** Appends replies to the queue of {@link #RESPONSES_PATH}. */
    public OpenAiWireServer enqueueResponses(Reply... replies) {
        return enqueue(RESPONSES_PATH, replies);
    }

    /** Sets the reply {@code path} gives when its queue is empty. */
    public OpenAiWireServer setDefault(String path, Reply reply) {
        defaults.put(path, Objects.requireNonNull(reply, "reply"));
        return this;
    }

    /** Replies still queued for {@code path}. */
    public int pending(String path) {
        Queue<Reply> queue = scripted.get(path);
        return queue == null ? 0 : queue.size();
    }

    /** All requests received so far, in arrival order. */
    public List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    /** The requests received so far on {@code path}, in arrival order. */
    public List<Recorded> requests(String path) {
        return recorded.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many requests {@code path} has received. */
    public int requestCount(String path) {
        return requests(path).size();
    }

    /** Forgets scripted replies and recorded requests; defaults stay. */
    public void reset() {
        scripted.clear();
        recorded.clear();
    }

    /** Closes the clients made by this server, releases hanging replies and stops the server. */
    @Override
    public void close() {
        closed.countDown();
        for (Runnable closer : closers) {
            try {
                closer.run();
            } catch (RuntimeException ignored) {
                // Best effort: a client the test already closed may complain.
            }
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        recorded.add(new Recorded(exchange.getRequestMethod(), path, lowerCase(exchange.getRequestHeaders()), body));
        Queue<Reply> queue = scripted.get(path);
        Reply reply = queue == null ? null : queue.poll();
        if (reply == null) {
            reply = defaultFor(path);
        }
        try {
            reply.writeTo(exchange, this);
        } catch (IOException e) {
            // The client went away (timeout, cancelled stream): nothing left to answer.
            exchange.close();
        }
    }

    private static Map<String, List<String>> lowerCase(Headers headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                n -> new ArrayList<>()).addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(lower);
    }

    /** Sleeps for {@code duration}, waking early when the server closes. Returns {@code false} if it did. */
    private boolean pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return true;
        }
        try {
            return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Reply defaultFor(String path) {
        return defaults.getOrDefault(path, Reply.status(404, error("No route for " + path,
                "invalid_request_error", "unknown_url")));
    }

    /**
     * One request as received.
     *
     * @param method  the HTTP method
     * @param path    the request path, e.g. {@value #CHAT_PATH}
     * @param headers the request headers, names lower-cased
     * @param body    the request body
     */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

        /** The first value of header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A scripted answer to one request. Immutable; {@code with...} methods return modified copies. */
    public static final class Reply {

        private enum Kind { BODY, BYTES, SSE, SSE_DROP, SSE_ERROR, SSE_STALL, HANG }

        private final Kind kind;
        private final int status;
        private final String body;
        private final List<String> events;
        private final Duration delay;
        private final Map<String, String> headers;
        private final Reply then;

        private Reply(Kind kind, int status, String body, List<String> events, Duration delay,
                Map<String, String> headers, Reply then) {
            this.kind = kind;
            this.status = status;
            this.body = body;
            this.events = List.copyOf(events);
            this.delay = delay;
            this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            this.then = then;
        }

        /** 200 with an {@code application/json} body. */
        public static Reply json(String body) {
            return status(200, body);
        }

        /** {@code code} with an {@code application/json} body, e.g. an {@link #error OpenAI error body}. */
        public static Reply status(int code, String jsonBody) {
            return new Reply(Kind.BODY, code, jsonBody, List.of(), Duration.ZERO, Map.of(), null);
        }

        /**
         * A {@code text/event-stream} that sends each payload as {@code data: <payload>} and then
         * {@code data: [DONE]}, flushing after each event.
         */
        public static Reply sse(List<String> dataPayloads) {
            return new Reply(Kind.SSE, 200, null, dataPayloads, Duration.ZERO, Map.of(), null);
        }

        /**
         * Sends the payloads like {@link #sse} and then aborts the connection without {@code [DONE]} and without
         * the terminating chunk of the chunked body, so the client sees a truncated body. openai-java throws
         * {@code OpenAIIoException("Stream failed")} (cause: {@code java.io.EOFException}) from the stream's
         * iterator, after yielding the events sent.
         */
        public static Reply sseThenDrop(List<String> dataPayloads) {
            return new Reply(Kind.SSE_DROP, 200, null, dataPayloads, Duration.ZERO, Map.of(), null);
        }

        /**
         * Sends the {@code before} payloads, then the event {@code data: <errorJson>} (e.g.
         * <code>{"error":{"message":"...","type":"...","code":"..."}}</code>) and ends the stream. openai-java
         * throws {@code com.openai.errors.SseException} from the stream's iterator when it reads the error event.
         */
        public static Reply sseError(List<String> before, String errorJson) {
            return new Reply(Kind.SSE_ERROR, 200, errorJson, before, Duration.ZERO, Map.of(), null);
        }

        /**
         * 200 with an {@code application/json} body of exactly these bytes, e.g. JSON whose strings hold bytes that
         * are not UTF-8.
         */
        public static Reply jsonBytes(byte[] body) {
            return new Reply(Kind.BYTES, 200, new String(body, StandardCharsets.ISO_8859_1), List.of(), Duration.ZERO,
                    Map.of(), null);
        }

        /**
         * Sends the payloads like {@link #sse}, then sends nothing more for {@code stall} (the client's timeout
         * should end the call first) and aborts the connection.
         */
        public static Reply sseThenStall(List<String> dataPayloads, Duration stall) {
            return new Reply(Kind.SSE_STALL, 200, null, dataPayloads, stall, Map.of(), null);
        }

        /** Waits {@code duration}, then answers with the path's default reply. */
        public static Reply hang(Duration duration) {
            return new Reply(Kind.HANG, 0, null, List.of(), duration, Map.of(), null);
        }

        /** Waits {@code duration}, then answers with {@code then}. */
        public static Reply hang(Duration duration, Reply then) {
            return new Reply(Kind.HANG, 0, null, List.of(), duration, Map.of(), Objects.requireNonNull(then));
        }

        /** A copy that also sends response header {@code name: value}, e.g. {@code retry-after-ms: 0}. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(kind, status, body, events, delay, more, then);
        }

        /** A copy that tells a retrying client to retry at once ({@code retry-after-ms: 0}, {@code retry-after: 0}). */
        public Reply retryNow() {
            return withHeader("retry-after-ms", "0").withHeader("retry-after", "0");
        }

        /** A copy of this stream reply that waits {@code perEvent} before each event it sends. */
        public Reply withDelay(Duration perEvent) {
            if (kind == Kind.BODY || kind == Kind.BYTES || kind == Kind.HANG || kind == Kind.SSE_STALL) {
                throw new IllegalStateException("withDelay applies to SSE replies; use hang(...) for others");
            }
            return new Reply(kind, status, body, events, perEvent, headers, then);
        }

        private void writeTo(HttpExchange exchange, OpenAiWireServer server) throws IOException {
            switch (kind) {
                case BODY, BYTES -> writeBody(exchange);
                case HANG -> {
                    if (!server.pause(delay)) {
                        exchange.close();
                        return;
                    }
                    Reply next = then != null ? then : server.defaultFor(exchange.getRequestURI().getPath());
                    next.writeTo(exchange, server);
                }
                default -> writeStream(exchange, server);
            }
        }

        private void writeBody(HttpExchange exchange) throws IOException {
            byte[] bytes = body == null ? new byte[0]
                    : body.getBytes(kind == Kind.BYTES ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            Headers out = exchange.getResponseHeaders();
            out.set("Content-Type", "application/json");
            headers.forEach(out::set);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }

        private void writeStream(HttpExchange exchange, OpenAiWireServer server) throws IOException {
            Headers out = exchange.getResponseHeaders();
            out.set("Content-Type", "text/event-stream; charset=utf-8");
            out.set("Cache-Control", "no-cache");
            headers.forEach(out::set);
            exchange.sendResponseHeaders(status, 0); // chunked
            OutputStream stream = exchange.getResponseBody();
            for (String event : events) {
                if (!server.pause(kind == Kind.SSE_STALL ? Duration.ZERO : delay)) {
                    throw new AbortConnection();
                }
                writeEvent(stream, event);
            }
            switch (kind) {
                case SSE_DROP -> {
                    // Leave the chunked body unterminated: the JDK server closes the socket when a handler throws,
                    // without writing the last chunk, so the client reads a truncated body (EOF), not an end.
                    throw new AbortConnection();
                }
                case SSE_ERROR -> writeEvent(stream, body);
                case SSE_STALL -> {
                    server.pause(delay);
                    throw new AbortConnection();
                }
                default -> writeEvent(stream, "[DONE]");
            }
            stream.close();
            exchange.close();
        }

        private static void writeEvent(OutputStream stream, String data) throws IOException {
            stream.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            stream.flush();
        }
    }

    /**
     * Thrown out of the handler to make the JDK server drop the connection abruptly ({@code ServerImpl} closes the
     * socket when a handler throws, without finishing the response).
     */
    private static final class AbortConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortConnection() {
            super("connection aborted on purpose", null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Payload builders
    // ---------------------------------------------------------------------------------------------------------

    /** An OpenAI error body: <code>{"error":{"message":...,"type":...,"param":null,"code":...}}</code>. */
    public static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type)
                + ",\"param\":null,\"code\":" + quote(code) + "}}";
    }

    /** A {@code chat.completion} with one assistant choice, {@code system_fingerprint} and {@code service_tier}. */
    public static String chatCompletion(String id, String model, String content, String finishReason,
            long promptTokens, long completionTokens, long cachedTokens) {
        return "{\"id\":" + quote(id) + ",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":" + quote(model)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(content)
                + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":" + quote(finishReason)
                + "}],\"usage\":" + chatUsage(promptTokens, completionTokens, cachedTokens)
                + ",\"service_tier\":" + quote(SERVICE_TIER) + ",\"system_fingerprint\":" + quote(SYSTEM_FINGERPRINT)
                + "}";
    }

    /**
     * A {@code chat.completion.chunk} with one choice whose delta carries {@code contentDelta} (an empty delta when
     * it is {@code null}) and {@code "usage":null}, as sent with {@code stream_options.include_usage}.
     */
    public static String chunk(String id, String model, String contentDelta, String finishReasonOrNull) {
        String delta = contentDelta == null ? "{}" : "{\"content\":" + quote(contentDelta) + "}";
        return chunkWithDelta(id, model, delta, finishReasonOrNull);
    }

    /** The first chunk of a stream: delta {@code {"role":"assistant","content":"","refusal":null}}. */
    public static String roleChunk(String id, String model) {
        return chunkWithDelta(id, model, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);
    }

    private static String chunkWithDelta(String id, String model, String delta, String finishReasonOrNull) {
        return chunkPrefix(id, model) + "\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + quote(finishReasonOrNull) + "}],\"usage\":null}";
    }

    /** The last chunk of an {@code include_usage} stream: {@code "choices":[]} and the usage of the whole call. */
    public static String usageChunk(String id, String model, long promptTokens, long completionTokens,
            long cachedTokens) {
        return chunkPrefix(id, model) + "\"choices\":[],\"usage\":"
                + chatUsage(promptTokens, completionTokens, cachedTokens) + "}";
    }

    /**
     * A whole {@code include_usage} chat stream the way OpenAI sends it: a role chunk, one chunk per piece of
     * content, a chunk with {@code finishReason} and an empty delta, and the usage chunk.
     */
    public static List<String> chatStream(String id, String model, List<String> pieces, String finishReason,
            long promptTokens, long completionTokens, long cachedTokens) {
        List<String> chunks = new ArrayList<>();
        chunks.add(roleChunk(id, model));
        for (String piece : pieces) {
            chunks.add(chunk(id, model, piece, null));
        }
        chunks.add(chunk(id, model, null, finishReason));
        chunks.add(usageChunk(id, model, promptTokens, completionTokens, cachedTokens));
        return chunks;
    }

    private static String chunkPrefix(String id, String model) {
        return "{\"id\":" + quote(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":" + quote(model) + ",\"service_tier\":" + quote(SERVICE_TIER)
                + ",\"system_fingerprint\":" + quote(SYSTEM_FINGERPRINT) + ",";
    }

    private static String chatUsage(long promptTokens, long completionTokens, long cachedTokens) {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + ",\"audio_tokens\":0}"
                + ",\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0"
                + ",\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
    }

    /** A {@code CreateEmbeddingResponse} with one embedding of {@code dims} floats. */
    public static String embedding(String model, long promptTokens, int dims) {
        StringBuilder vector = new StringBuilder("[");
        for (int i = 0; i < dims; i++) {
            if (i > 0) {
                vector.append(',');
            }
            vector.append(String.format(Locale.ROOT, "%.4f", (i + 1) / (double) (dims + 1) - 0.5));
        }
        vector.append(']');
        return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + vector
                + "}],\"model\":" + quote(model) + ",\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"total_tokens\":" + promptTokens + "}}";
    }

    /**
     * A completed Responses API {@code response} with one assistant message of {@code text}, shaped like a real one.
     *
     * <p>openai-java 4.101.0's {@code Response.validate()} requires {@code id}, {@code object} ("response"),
     * {@code created_at}, {@code model}, {@code output}, {@code parallel_tool_calls}, {@code tool_choice} and
     * {@code tools}; in {@code usage} all of {@code input_tokens}, {@code input_tokens_details} (with both
     * {@code cached_tokens} and {@code cache_write_tokens}), {@code output_tokens}, {@code output_tokens_details}
     * and {@code total_tokens}; in a message output item {@code type}, {@code id}, {@code status}, {@code role}
     * and {@code content}; in {@code output_text} content {@code type}, {@code text} and {@code annotations}.
     * The nullable fields ({@code error}, {@code instructions}, {@code temperature}, ...) are sent for realism only.
     */
    public static String response(String id, String model, String text, long inputTokens, long outputTokens,
            long cachedTokens) {
        return "{\"id\":" + quote(id) + ",\"object\":\"response\",\"created_at\":" + CREATED
                + ",\"status\":\"completed\",\"background\":false,\"error\":null,\"incomplete_details\":null"
                + ",\"instructions\":null,\"max_output_tokens\":null,\"model\":" + quote(model)
                + ",\"output\":[{\"type\":\"message\",\"id\":" + quote("msg_" + id) + ",\"status\":\"completed\""
                + ",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":" + quote(text)
                + ",\"annotations\":[],\"logprobs\":[]}]}]"
                + ",\"parallel_tool_calls\":true,\"previous_response_id\":null"
                + ",\"reasoning\":{\"effort\":null,\"summary\":null},\"service_tier\":" + quote(SERVICE_TIER)
                + ",\"store\":true,\"temperature\":1.0"
                + ",\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0"
                + ",\"truncation\":\"disabled\",\"usage\":{\"input_tokens\":" + inputTokens
                + ",\"input_tokens_details\":{\"cached_tokens\":" + cachedTokens + ",\"cache_write_tokens\":0}"
                + ",\"output_tokens\":"
                + outputTokens + ",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":"
                + (inputTokens + outputTokens) + "},\"user\":null,\"metadata\":{}}";
    }

    /** {@code value} as a JSON string literal, or {@code null}. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
