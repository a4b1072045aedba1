package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scripted server through the real openai-java client, over real HTTP. */
class ScriptedOpenAiServerTest {

    private final ScriptedOpenAiServer server = new ScriptedOpenAiServer();
    private final OpenAIClient client = StrictClients.forServer(server);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void baseUrlIsLoopbackWithV1() {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    }

    @Test
    void playsTwoParallelSearchesThenCalculatorThenAnswer() {
        ChatCompletionCreateParams.Builder request = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addSystemMessage("You are a research assistant.")
                .addUserMessage("How tall is the Eiffel Tower in feet?");

        // Step 1: two searches at once.
        ChatCompletion search = client.chat().completions().create(request.build());
        assertThat(search.id()).isEqualTo("chatcmpl-scripted-1");
        assertThat(search.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(search.systemFingerprint()).contains(ScriptedOpenAiServer.SYSTEM_FINGERPRINT);
        assertThat(search.serviceTier()).hasValueSatisfying(tier -> assertThat(tier.asString()).isEqualTo("default"));
        assertThat(search.created()).isPositive();
        assertThat(search.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.index()).isZero();
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        });
        List<ChatCompletionMessageFunctionToolCall> searchCalls = toolCalls(search);
        assertThat(searchCalls).extracting(ChatCompletionMessageFunctionToolCall::id)
                .containsExactly("call_search_1", "call_search_2");
        assertThat(searchCalls).extracting(call -> call.function().name())
                .containsOnly("search_knowledge_base");
        assertThat(searchCalls).extracting(call -> call.function().arguments()).containsExactly(
                "{\"query\":\"Eiffel Tower height\"}", "{\"query\":\"metre feet conversion\"}");
        assertUsage(search, ScriptedOpenAiServer.SEARCH_STEP_USAGE, 52, 18, 0);

        // Step 2: the calculator, with the height and the factor read from the search results.
        request.addMessage(message(search))
                .addMessage(toolResult("call_search_1", "[\"The Eiffel Tower is 324 metres tall.\"]"))
                .addMessage(toolResult("call_search_2", "[\"One metre is about 3.281 feet.\"]"));
        ChatCompletion calculation = client.chat().completions().create(request.build());
        ChatCompletionMessageFunctionToolCall calculatorCall = onlyToolCall(calculation);
        assertThat(calculatorCall.id()).isEqualTo("call_calc_1");
        assertThat(calculatorCall.function().name()).isEqualTo("calculator");
        assertThat(calculatorCall.function().arguments()).isEqualTo("{\"expression\":\"324 * 3.281\"}");
        assertThat(calculation.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertUsage(calculation, ScriptedOpenAiServer.CALCULATOR_STEP_USAGE, 96, 22, 0);

        // Step 3: the answer, from the calculator result.
        request.addMessage(message(calculation)).addMessage(toolResult(calculatorCall.id(), "1062.99"));
        ChatCompletion answer = client.chat().completions().create(request.build());
        ChatCompletion.Choice choice = answer.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message().toolCalls()).isEmpty();
        assertThat(choice.message().content())
                .contains("The Eiffel Tower is 324 metres tall, which is about 1062.99 feet.");
        assertUsage(answer, ScriptedOpenAiServer.ANSWER_STEP_USAGE, 141, 31, 64);

        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void fallsBackTo330MetresWhenTheSearchSaysNothingUseful() {
        ChatCompletionCreateParams.Builder request = ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessage("How tall is the Eiffel Tower in feet?");
        ChatCompletion search = client.chat().completions().create(request.build());
        ChatCompletion calculation = client.chat().completions().create(request
                .addMessage(message(search))
                .addMessage(toolResult("call_search_1", "Error: search_knowledge_base failed"))
                .addMessage(toolResult("call_search_2", "[]"))
                .build());

        assertThat(onlyToolCall(calculation).function().arguments()).isEqualTo("{\"expression\":\"330 * 3.28084\"}");
    }

    @Test
    void runTotalsAreTheSumOfTheSteps() {
        assertThat(ScriptedOpenAiServer.RUN_TOTAL_USAGE)
                .isEqualTo(new ScriptedOpenAiServer.Usage(289, 71, 64));
        assertThat(ScriptedOpenAiServer.RUN_TOTAL_USAGE.totalTokens()).isEqualTo(360);
    }

    @Test
    void responseModelGetsADateSuffixUnlessItHasOne() {
        assertThat(ScriptedOpenAiServer.responseModel("gpt-4o")).isEqualTo("gpt-4o-2024-08-06");
        assertThat(ScriptedOpenAiServer.responseModel("gpt-4o-mini")).isEqualTo("gpt-4o-mini-2024-08-06");
        assertThat(ScriptedOpenAiServer.responseModel("gpt-4o-2024-05-13")).isEqualTo("gpt-4o-2024-05-13");
    }

    @Test
    void missingApiKeySurfacesAsUnauthorizedException() {
        // openai-java refuses to send a request without credentials, so give it a key and strip
        // the header on the wire: the server sees exactly a request without a key.
        try (var noKey = new ClosingClient(OpenAIOkHttpClient.builder()
                .apiKey("sk-stripped")
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().removeHeader("Authorization").build()))
                .baseUrl(server.baseUrl())
                .maxRetries(0)
                .build())) {
            assertThatThrownBy(() -> noKey.client().chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("gpt-4o")
                            .addUserMessage("Hello")
                            .build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("You didn't provide an API key");
                    });
        }
        assertThat(server.lastRequestBody()).isEmpty();
    }

    @Test
    void rawHttpErrorsHaveOpenAiShape() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String body = "{\"model\":\"gpt-4o\",\"messages\":[]}";

        HttpResponse<String> unauthorized = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        JsonNode error = json.readTree(unauthorized.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("message").asText()).isNotBlank();

        HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/embeddings"))
                .header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json.readTree(notFound.body()).path("error").path("code").asText()).isEqualTo("unknown_url");

        HttpResponse<String> badJson = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badJson.statusCode()).isEqualTo(400);

        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void alsoServesChatCompletionsWithoutV1Prefix() throws Exception {
        String base = server.baseUrl().substring(0, server.baseUrl().length() - "/v1".length());
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                        .header("Authorization", "Bearer sk-test")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode completion = new ObjectMapper().readTree(response.body());
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message/tool_calls/0/type").asText()).isEqualTo("function");
        assertThat(completion.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
    }

    private static ChatCompletionMessage message(ChatCompletion completion) {
        return completion.choices().get(0).message();
    }

    private static ChatCompletionMessageFunctionToolCall onlyToolCall(ChatCompletion completion) {
        List<ChatCompletionMessageFunctionToolCall> calls = toolCalls(completion);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static List<ChatCompletionMessageFunctionToolCall> toolCalls(ChatCompletion completion) {
        assertThat(message(completion).content()).isEmpty();
        return message(completion).toolCalls().orElseThrow().stream()
                .map(ChatCompletionMessageToolCall::asFunction)
                .toList();
    }

    private static ChatCompletionToolMessageParam toolResult(String toolCallId, String content) {
        return ChatCompletionToolMessageParam.builder().toolCallId(toolCallId).content(content).build();
    }

    private static void assertUsage(ChatCompletion completion, ScriptedOpenAiServer.Usage expected,
            long prompt, long completionTokens, long cached) {
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(prompt).isEqualTo(expected.promptTokens());
        assertThat(usage.completionTokens()).isEqualTo(completionTokens).isEqualTo(expected.completionTokens());
        assertThat(usage.totalTokens()).isEqualTo(prompt + completionTokens);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(cached);
    }

    /** Lets try-with-resources close an {@link OpenAIClient}, which is not AutoCloseable. */
    private record ClosingClient(OpenAIClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}
