package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole agent over the real openai-java client against the scripted server. */
class ResearchAgentTest {

    private static final String QUESTION = "How tall is the Eiffel Tower in feet?";
    private static final String EXPECTED_ANSWER = "The Eiffel Tower is 330 metres tall, which is about 1082.68 feet.";

    private final ScriptedOpenAiServer server = new ScriptedOpenAiServer();
    private final OpenAIClient client = StrictClients.forServer(server);
    private final ResearchAgent agent = new ResearchAgent(client);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void answersTheEiffelQuestionInThreeModelCalls() {
        String answer = agent.answer("session-42", QUESTION);

        assertThat(answer).isEqualTo(EXPECTED_ANSWER);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void sendsToolsAndAppendsEachToolResultAfterItsAssistantTurn() throws Exception {
        agent.answer("session-42", QUESTION);

        JsonNode lastRequest = new ObjectMapper().readTree(server.lastRequestBody().orElseThrow());
        assertThat(lastRequest.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(lastRequest.path("tools").findValuesAsText("name"))
                .containsExactly("search_knowledge_base", "calculator");
        assertThat(lastRequest.at("/tools/1/function/parameters/required/0").asText()).isEqualTo("expression");

        List<String> roles = new ArrayList<>();
        lastRequest.path("messages").forEach(message -> roles.add(message.path("role").asText()));
        assertThat(roles).containsExactly("system", "user", "assistant", "tool", "tool", "assistant", "tool");

        JsonNode messages = lastRequest.path("messages");
        assertThat(messages.at("/1/content").asText()).isEqualTo(QUESTION);
        assertThat(messages.at("/2/tool_calls/0/id").asText()).isEqualTo("call_search_1");
        assertThat(messages.at("/2/tool_calls/1/id").asText()).isEqualTo("call_search_2");
        // The parallel results come back in the order the model asked for them.
        assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("call_search_1");
        assertThat(messages.at("/4/tool_call_id").asText()).isEqualTo("call_search_2");
        JsonNode searchResults = new ObjectMapper().readTree(messages.at("/3/content").asText());
        assertThat(searchResults).hasSize(ResearchAgent.SEARCH_TOP_K);
        assertThat(searchResults.get(0).asText()).startsWith("The Eiffel Tower is 330 metres tall");
        assertThat(new ObjectMapper().readTree(messages.at("/4/content").asText()).get(0).asText())
                .startsWith("One metre is about 3.28084 feet");
        assertThat(messages.at("/6/tool_call_id").asText()).isEqualTo("call_calc_1");
        assertThat(messages.at("/6/content").asText()).isEqualTo("1082.68");
    }

    @Test
    void usesTheConfiguredModel() throws Exception {
        new ResearchAgent(client, "gpt-4o-mini").answer("s", QUESTION);

        JsonNode lastRequest = new ObjectMapper().readTree(server.lastRequestBody().orElseThrow());
        assertThat(lastRequest.path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aFailingToolBecomesAnErrorResultInsteadOfEndingTheRun() {
        ChatCompletionToolMessageParam result = agent.runToolCall(functionCall("call_1", "calculator", "{\"expression\":\"1 / 0\"}"));

        assertThat(result.toolCallId()).isEqualTo("call_1");
        assertThat(result.content().asText()).startsWith("Error: calculator failed: Division by zero");
    }

    @Test
    void badArgumentsAndUnknownToolsBecomeErrorResults() {
        assertThat(agent.runToolCall(functionCall("c1", "calculator", "{not json")).content().asText())
                .startsWith("Error: the arguments of calculator are not valid JSON");
        assertThat(agent.runToolCall(functionCall("c2", "search_knowledge_base", "{\"q\":\"Paris\"}")).content().asText())
                .isEqualTo("Error: search_knowledge_base failed: missing string argument 'query'");
        assertThat(agent.runToolCall(functionCall("c3", "weather", "{}")).content().asText())
                .isEqualTo("Error: unknown tool 'weather'. Available tools: search_knowledge_base, calculator.");
    }

    @Test
    void successfulToolsReturnTheirResults() {
        assertThat(agent.runToolCall(functionCall("c1", "calculator", "{\"expression\":\"(1 + 2) * 3\"}")).content().asText())
                .isEqualTo("9");
        assertThat(agent.runToolCall(functionCall("c2", "search_knowledge_base", "{\"query\":\"Louvre\"}")).content().asText())
                .startsWith("[\"The Louvre in Paris");
    }

    @Test
    void runsAreIndependent() {
        assertThat(agent.answer("a", QUESTION)).isEqualTo(EXPECTED_ANSWER);
        assertThat(agent.answer("b", QUESTION)).isEqualTo(EXPECTED_ANSWER);
        assertThat(server.requestCount()).isEqualTo(6);
    }

    private static ChatCompletionMessageToolCall functionCall(String id, String name, String arguments) {
        return ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder()
                .id(id)
                .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                        .name(name)
                        .arguments(arguments)
                        .build())
                .build());
    }
}
