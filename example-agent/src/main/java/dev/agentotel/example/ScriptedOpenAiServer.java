package dev.agentotel.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local, OpenAI-compatible chat-completions server that plays a fixed ReAct script, so the
 * example agent runs offline and deterministically with the real openai-java client (real HTTP,
 * real JSON, real error mapping).
 *
 * <p>The server is stateless: it decides what to answer from the conversation in each request,
 * by counting the assistant turns in it, exactly as a model would see it:
 *
 * <ol>
 *   <li>no assistant turn yet: two parallel tool calls, {@code search_knowledge_base} with
 *       {@code {"query":"Eiffel Tower height"}} and with {@code {"query":"metre feet conversion"}}
 *       ({@code finish_reason: tool_calls});
 *   <li>one: call {@code calculator} with {@code {"expression":"330 * 3.28084"}}, the height taken
 *       from the tool results when they mention "<i>N</i> metres" and the factor when they mention
 *       "<i>F</i> feet" ({@code finish_reason: tool_calls});
 *   <li>two or more: answer in text from the last tool result, the calculator's
 *       ({@code finish_reason: stop}).
 * </ol>
 *
 * <p>Each step reports fixed token usage ({@link #SEARCH_STEP_USAGE}, {@link #CALCULATOR_STEP_USAGE},
 * {@link #ANSWER_STEP_USAGE}) so tests can assert exact totals, and the response model is the
 * request model with a date suffix ({@code gpt-4o} answers as {@code gpt-4o-2024-08-06}), as
 * OpenAI does, so request and response models differ as they do in production.
 *
 * <p>Requests without {@code Authorization: Bearer <key>} get OpenAI's 401 error body; any
 * non-blank key is accepted. The header is never logged or stored.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    /** Token usage of one scripted step. */
    public record Usage(long promptTokens, long completionTokens, long cachedTokens) {

        public long totalTokens() {
            return promptTokens + completionTokens;
        }

        Usage plus(Usage other) {
            return new Usage(promptTokens + other.promptTokens,
                    completionTokens + other.completionTokens,
                    cachedTokens + other.cachedTokens);
        }
    }

    /** Usage of step 1, the two parallel {@code search_knowledge_base} tool calls. */
    public static final Usage SEARCH_STEP_USAGE = new Usage(52, 18, 0);
    /** Usage of step 2, the {@code calculator} tool call. */
    public static final Usage CALCULATOR_STEP_USAGE = new Usage(96, 22, 0);
    /** Usage of step 3, the final answer; part of its prompt is served from the cache. */
    public static final Usage ANSWER_STEP_USAGE = new Usage(141, 31, 64);
    /** Usage of one full scripted run (three requests): 289 prompt, 71 completion, 64 cached tokens. */
    public static final Usage RUN_TOTAL_USAGE =
            SEARCH_STEP_USAGE.plus(CALCULATOR_STEP_USAGE).plus(ANSWER_STEP_USAGE);

    public static final String SEARCH_TOOL = "search_knowledge_base";
    public static final String CALCULATOR_TOOL = "calculator";
    public static final String SEARCH_CALL_ID = "call_search_1";
    public static final String CONVERSION_CALL_ID = "call_search_2";
    public static final String CALCULATOR_CALL_ID = "call_calc_1";
    public static final String SEARCH_QUERY = "Eiffel Tower height";
    public static final String CONVERSION_QUERY = "metre feet conversion";
    /** Used when the search result does not say how many metres tall the tower is. */
    public static final String DEFAULT_HEIGHT_METRES = "330";
    /** Used when the search results do not say how many feet a metre is. */
    public static final String FEET_PER_METRE = "3.28084";
    /** Appended to the request model to form the response model, unless it already has a date. */
    public static final String MODEL_DATE_SUFFIX = "-2024-08-06";
    public static final String SYSTEM_FINGERPRINT = "fp_scripted_local";
    public static final String SERVICE_TIER = "default";

    private static final String CHAT_PATH = "/chat/completions";
    private static final String V1_CHAT_PATH = "/v1" + CHAT_PATH;
    private static final Pattern METRES = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*met(?:re|er)s\\b");
    private static final Pattern FEET = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*feet\\b");
    private static final Pattern DATED_MODEL = Pattern.compile(".*-\\d{4}-\\d{2}-\\d{2}");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicReference<String> lastRequestBody = new AtomicReference<>();

    /** Starts the server on {@code 127.0.0.1} and a free port. */
    public ScriptedOpenAiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the scripted OpenAI server", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to give the OpenAI client, e.g. {@code http://127.0.0.1:54321/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many HTTP requests the server has received, answered or rejected. */
    public int requestCount() {
        return requestCount.get();
    }

    /** The body of the last chat-completions request, for tests that inspect what the agent sent. */
    public Optional<String> lastRequestBody() {
        return Optional.ofNullable(lastRequestBody.get());
    }

    /** Stops the server at once; its dispatcher thread ends, so the JVM can exit. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int requestNumber = requestCount.incrementAndGet();
        try (exchange) {
            Response response;
            try {
                response = respond(exchange, requestNumber);
            } catch (RuntimeException e) {
                // Answer instead of dropping the connection, which the client would retry blindly.
                response = error(500, "The scripted server failed: " + e, "server_error", null);
            }
            byte[] body = response.body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-request-id", "req_scripted_" + requestNumber);
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Response respond(HttpExchange exchange, int requestNumber) throws IOException {
        // Drain the body first so keep-alive connections stay usable whatever we answer.
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(V1_CHAT_PATH) && !path.equals(CHAT_PATH)) {
            return error(404, "Invalid URL (" + exchange.getRequestMethod() + " " + path + ")",
                    "invalid_request_error", "unknown_url");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return error(405, "Method " + exchange.getRequestMethod() + " not allowed; use POST",
                    "invalid_request_error", "method_not_allowed");
        }
        if (!hasBearerToken(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", "invalid_api_key");
        }
        lastRequestBody.set(body);
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            return error(400, "We could not parse the JSON body of your request.",
                    "invalid_request_error", null);
        }
        if (request == null || !request.path("model").isTextual() || !request.path("messages").isArray()) {
            return error(400, "The request must have a string 'model' and an array 'messages'.",
                    "invalid_request_error", null);
        }
        if (request.path("stream").asBoolean(false)) {
            return error(400, "The scripted server does not support stream=true.",
                    "invalid_request_error", null);
        }
        return new Response(200, completion(request, requestNumber));
    }

    private static boolean hasBearerToken(String authorization) {
        return authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
    }

    private ObjectNode completion(JsonNode request, int requestNumber) {
        List<String> toolResults = new ArrayList<>();
        int assistantTurns = 0;
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText();
            if ("tool".equals(role)) {
                toolResults.add(textOf(message.path("content")));
            } else if ("assistant".equals(role)) {
                assistantTurns++;
            }
        }

        ObjectNode message = json.createObjectNode().put("role", "assistant");
        String finishReason;
        Usage usage;
        switch (assistantTurns) {
            case 0 -> {
                message.putNull("content");
                ArrayNode calls = message.putArray("tool_calls");
                addToolCall(calls, SEARCH_CALL_ID, SEARCH_TOOL, "query", SEARCH_QUERY);
                addToolCall(calls, CONVERSION_CALL_ID, SEARCH_TOOL, "query", CONVERSION_QUERY);
                finishReason = "tool_calls";
                usage = SEARCH_STEP_USAGE;
            }
            case 1 -> {
                String expression = heightInMetres(toolResults) + " * " + first(FEET, toolResults, FEET_PER_METRE);
                message.putNull("content");
                addToolCall(message.putArray("tool_calls"), CALCULATOR_CALL_ID, CALCULATOR_TOOL, "expression", expression);
                finishReason = "tool_calls";
                usage = CALCULATOR_STEP_USAGE;
            }
            default -> {
                message.put("content", finalAnswer(heightInMetres(toolResults),
                        toolResults.get(toolResults.size() - 1).strip()));
                finishReason = "stop";
                usage = ANSWER_STEP_USAGE;
            }
        }
        message.putNull("refusal");
        message.putArray("annotations");

        ObjectNode completion = json.createObjectNode()
                .put("id", "chatcmpl-scripted-" + requestNumber)
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", responseModel(request.path("model").asText()));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        completion.set("usage", usageJson(usage));
        completion.put("service_tier", SERVICE_TIER);
        completion.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return completion;
    }

    /** The response model: {@code gpt-4o} becomes {@code gpt-4o-2024-08-06}; dated models stay. */
    static String responseModel(String requestModel) {
        return DATED_MODEL.matcher(requestModel).matches() ? requestModel : requestModel + MODEL_DATE_SUFFIX;
    }

    /** The first "N metres" in the tool results (the height search comes first), else 330. */
    private static String heightInMetres(List<String> toolResults) {
        return first(METRES, toolResults, DEFAULT_HEIGHT_METRES);
    }

    /** The number {@code pattern} captures first in the tool results, in order, else {@code otherwise}. */
    private static String first(Pattern pattern, List<String> toolResults, String otherwise) {
        for (String result : toolResults) {
            Matcher matcher = pattern.matcher(result);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return otherwise;
    }

    private static String finalAnswer(String metres, String calculatorResult) {
        if (calculatorResult.matches("-?\\d+(\\.\\d+)?")) {
            return "The Eiffel Tower is " + metres + " metres tall, which is about "
                    + calculatorResult + " feet.";
        }
        // The calculator reported an error: answer with what we know instead of inventing a number.
        return "The Eiffel Tower is " + metres + " metres tall; I could not convert that to feet ("
                + calculatorResult + ").";
    }

    private void addToolCall(ArrayNode calls, String id, String tool, String argument, String value) {
        ObjectNode call = calls.addObject()
                .put("id", id)
                .put("type", "function");
        // Like OpenAI, the arguments are a JSON document encoded as a string.
        call.putObject("function")
                .put("name", tool)
                .put("arguments", json.createObjectNode().put(argument, value).toString());
    }

    private ObjectNode usageJson(Usage usage) {
        ObjectNode node = json.createObjectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details")
                .put("cached_tokens", usage.cachedTokens())
                .put("audio_tokens", 0);
        node.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return node;
    }

    /** Message content is either a string or an array of {@code {type: text, text}} parts. */
    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private Response error(int status, String message, String type, String code) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return new Response(status, body);
    }

    private record Response(int status, ObjectNode body) {}
}
