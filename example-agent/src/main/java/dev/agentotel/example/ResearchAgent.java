package dev.agentotel.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.annotations.UserQuery;
import dev.agentotel.telemetry.AgentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A ReAct research assistant: it reasons with a chat model and acts with two function tools, a
 * knowledge-base search and a calculator, until the model answers in text.
 *
 * <p>The class is written the way a user of agentotel writes an agent: plain openai-java code
 * plus annotations. The annotations mark the four shapes the telemetry needs, one run per
 * {@link #answer}, one iteration per {@link #step}, one model call per {@link #chat}, one tool
 * execution per tool method; nothing here touches OpenTelemetry.
 *
 * <p>Tools run after the model call has returned, inside the iteration, so their spans are
 * children of the iteration, never of the model call. When the model asks for several tools at
 * once, they run in parallel on {@link #TOOL_THREADS}, an executor wrapped with
 * {@link AgentContext}: the one agentotel call here, which carries the iteration to the tool
 * threads. A failing tool does not end the run: its error goes back to the model as the tool
 * result, which lets the model correct itself.
 */
public final class ResearchAgent {

    /** The model used against the scripted server. */
    public static final String DEFAULT_MODEL = "gpt-4o";
    /** The iteration budget of one run; also the {@link AgentRun#maxIterations()} recorded. */
    public static final int MAX_ITERATIONS = 5;
    /** Returned when the model has not answered within {@link #MAX_ITERATIONS} steps. */
    public static final String GAVE_UP_ANSWER =
            "I gave up: no answer within " + MAX_ITERATIONS + " steps.";

    public static final String SEARCH_TOOL = "search_knowledge_base";
    public static final String CALCULATOR_TOOL = "calculator";
    static final String SEARCH_DESCRIPTION =
            "Searches the knowledge base and returns the most relevant short documents.";
    static final String CALCULATOR_DESCRIPTION =
            "Evaluates an arithmetic expression (numbers, + - * /, parentheses); result to 2 decimals.";

    /** How many documents one search returns to the model. */
    static final int SEARCH_TOP_K = 3;

    static final String SYSTEM_PROMPT = "You are a research assistant. Look facts up with "
            + SEARCH_TOOL + ", do all arithmetic with " + CALCULATOR_TOOL
            + ", then answer in one or two sentences.";

    static final List<ChatCompletionTool> TOOLS = List.of(
            functionTool(SEARCH_TOOL, SEARCH_DESCRIPTION,
                    "query", "Keywords to look up, e.g. 'Eiffel Tower height'."),
            functionTool(CALCULATOR_TOOL, CALCULATOR_DESCRIPTION,
                    "expression", "The expression to evaluate, e.g. '(2 + 3) * 4.5'."));

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs the tool calls of one step in parallel. Daemon threads, so they never keep the JVM
     * alive; wrapped so that each task runs in the context of the iteration that submitted it.
     */
    static final ExecutorService TOOL_THREADS = AgentContext.wrap(Executors.newCachedThreadPool(DaemonThreads.named("research-agent-tool")));

    private final OpenAIClient client;
    private final String model;
    private final Retriever retriever;

    /** An agent using {@link #DEFAULT_MODEL} and the built-in knowledge base in-process. */
    public ResearchAgent(OpenAIClient client) {
        this(client, DEFAULT_MODEL);
    }

    /** An agent using {@code model} and the built-in knowledge base in-process. */
    public ResearchAgent(OpenAIClient client, String model) {
        this(client, model, new KnowledgeBase());
    }

    /** An agent using {@code model} whose search tool asks {@code retriever}, e.g. a {@link RetrievalClient}. */
    public ResearchAgent(OpenAIClient client, String model, Retriever retriever) {
        this.client = Objects.requireNonNull(client, "client");
        this.model = Objects.requireNonNull(model, "model");
        this.retriever = Objects.requireNonNull(retriever, "retriever");
    }

    public String model() {
        return model;
    }

    /**
     * Answers {@code question}, calling the model at most {@link #MAX_ITERATIONS} times.
     *
     * @param sessionId identifies the conversation; used only by the telemetry
     * @return the model's answer, or {@link #GAVE_UP_ANSWER} when the budget ran out
     */
    @AgentRun(name = "research-assistant",
            description = "Answers questions with a knowledge base and a calculator",
            maxIterations = MAX_ITERATIONS,
            provider = "openai")
    public String answer(@SessionId String sessionId, @UserQuery String question) {
        Conversation conversation = Conversation.start(SYSTEM_PROMPT, Objects.requireNonNull(question, "question"));
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            Optional<String> answer = step(conversation);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return GAVE_UP_ANSWER;
    }

    /**
     * One reason/act step: one model call, then either the final answer or the requested tool
     * calls, run in parallel, whose results are appended to the conversation in the order the
     * model asked for them.
     *
     * @return the answer when the model gave one, empty when it asked for tools
     */
    @Iteration
    private Optional<String> step(Conversation conversation) {
        ChatCompletion completion = chat(ChatCompletionCreateParams.builder()
                .model(model)
                .messages(conversation.messages())
                .tools(TOOLS)
                .build());
        ChatCompletionMessage message = completion.choices().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The model returned no choices"))
                .message();

        List<ChatCompletionMessageToolCall> toolCalls = message.toolCalls().orElse(List.of());
        if (toolCalls.isEmpty()) {
            return Optional.of(message.content().or(message::refusal).orElse(""));
        }
        // The assistant turn must precede its tool results, or the API rejects the next request.
        conversation.add(ChatCompletionMessageParam.ofAssistant(message.toParam()));
        List<CompletableFuture<ChatCompletionToolMessageParam>> results = new ArrayList<>(toolCalls.size());
        for (ChatCompletionMessageToolCall toolCall : toolCalls) {
            results.add(CompletableFuture.supplyAsync(() -> runToolCall(toolCall), TOOL_THREADS));
        }
        for (CompletableFuture<ChatCompletionToolMessageParam> result : results) {
            conversation.add(ChatCompletionMessageParam.ofTool(result.join()));
        }
        return Optional.empty();
    }

    @LlmCall
    private ChatCompletion chat(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params);
    }

    @Tool(name = SEARCH_TOOL, description = SEARCH_DESCRIPTION)
    List<String> searchKnowledgeBase(@ToolCallId String toolCallId, String query) {
        return retriever.search(query, SEARCH_TOP_K);
    }

    @Tool(name = CALCULATOR_TOOL, description = CALCULATOR_DESCRIPTION)
    static String calculate(@ToolCallId String toolCallId, String expression) {
        return Calculator.calculate(expression);
    }

    /**
     * Executes one tool call and wraps its result, or its failure, in the tool message answering
     * it. Never throws for a tool's sake: bad arguments, unknown tools and tool exceptions all
     * become an {@code Error: ...} result the model can read.
     */
    ChatCompletionToolMessageParam runToolCall(ChatCompletionMessageToolCall toolCall) {
        if (!toolCall.isFunction()) {
            return toolResult(toolCall.asCustom().id(), "Error: only function tools are supported.");
        }
        ChatCompletionMessageFunctionToolCall call = toolCall.asFunction();
        String name = call.function().name();
        String result;
        try {
            JsonNode arguments = JSON.readTree(call.function().arguments());
            result = switch (name) {
                case SEARCH_TOOL -> JSON.writeValueAsString(
                        searchKnowledgeBase(call.id(), stringArgument(arguments, "query")));
                case CALCULATOR_TOOL -> calculate(call.id(), stringArgument(arguments, "expression"));
                default -> "Error: unknown tool '" + name + "'. Available tools: "
                        + SEARCH_TOOL + ", " + CALCULATOR_TOOL + ".";
            };
        } catch (JsonProcessingException e) {
            result = "Error: the arguments of " + name + " are not valid JSON: " + e.getOriginalMessage();
        } catch (RuntimeException e) {
            // The @Tool span records the exception; the run goes on with the error as the result.
            result = "Error: " + name + " failed: "
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        }
        return toolResult(call.id(), result);
    }

    private static String stringArgument(JsonNode arguments, String name) {
        JsonNode value = arguments == null ? null : arguments.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing string argument '" + name + "'");
        }
        return value.asText();
    }

    private static ChatCompletionToolMessageParam toolResult(String toolCallId, String content) {
        return ChatCompletionToolMessageParam.builder().toolCallId(toolCallId).content(content).build();
    }


    /** A function tool taking one required string parameter, described by a JSON schema. */
    private static ChatCompletionTool functionTool(
            String name, String description, String parameter, String parameterDescription) {
        FunctionParameters schema = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                        parameter, Map.of("type", "string", "description", parameterDescription))))
                .putAdditionalProperty("required", JsonValue.from(List.of(parameter)))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build();
        return ChatCompletionTool.ofFunction(ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(name)
                        .description(description)
                        .parameters(schema)
                        .build())
                .build());
    }

    /** The messages of one run, in order: system prompt, question, then assistant and tool turns. */
    static final class Conversation {

        private final List<ChatCompletionMessageParam> messages = new ArrayList<>();

        static Conversation start(String systemPrompt, String question) {
            Conversation conversation = new Conversation();
            conversation.add(ChatCompletionMessageParam.ofSystem(
                    ChatCompletionSystemMessageParam.builder().content(systemPrompt).build()));
            conversation.add(ChatCompletionMessageParam.ofUser(
                    ChatCompletionUserMessageParam.builder().content(question).build()));
            return conversation;
        }

        void add(ChatCompletionMessageParam message) {
            messages.add(message);
        }

        /** A snapshot: each request gets the conversation as it was when it was sent. */
        List<ChatCompletionMessageParam> messages() {
            return List.copyOf(messages);
        }
    }
}
