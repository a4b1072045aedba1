package dev.agentotel.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every telemetry name agentotel emits: attribute keys, span names, event names, metric names,
 * baggage keys and resource attributes. This is the one place where they are spelled.
 *
 * <p>GenAI names follow the OpenTelemetry GenAI semantic conventions (repository
 * {@code open-telemetry/semantic-conventions-genai}: {@code docs/gen-ai/gen-ai-spans.md},
 * {@code gen-ai-agent-spans.md}, {@code gen-ai-metrics.md},
 * {@code docs/registry/attributes/gen-ai.md}; all of "Development" stability). The Java artifact
 * {@code opentelemetry-semconv-incubating} marks its GenAI keys deprecated (moved), so they are kept
 * here instead. Names outside the conventions use the {@code agent.} prefix.
 */
public final class GenAiAttributes {

    /** The semantic-conventions version implemented, as the schema URL of tracer and meter. */
    public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.45.0";

    // --- GenAI attributes (spec) ---
    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");
    public static final AttributeKey<String> GEN_AI_AGENT_ID = stringKey("gen_ai.agent.id");
    public static final AttributeKey<String> GEN_AI_AGENT_DESCRIPTION = stringKey("gen_ai.agent.description");
    public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
    public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
    public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
    public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<Double> GEN_AI_REQUEST_FREQUENCY_PENALTY =
            doubleKey("gen_ai.request.frequency_penalty");
    public static final AttributeKey<Double> GEN_AI_REQUEST_PRESENCE_PENALTY =
            doubleKey("gen_ai.request.presence_penalty");
    public static final AttributeKey<List<String>> GEN_AI_REQUEST_STOP_SEQUENCES =
            stringArrayKey("gen_ai.request.stop_sequences");
    public static final AttributeKey<Long> GEN_AI_REQUEST_SEED = longKey("gen_ai.request.seed");
    public static final AttributeKey<Long> GEN_AI_REQUEST_CHOICE_COUNT = longKey("gen_ai.request.choice.count");
    public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");
    public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");
    public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
            stringArrayKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
            longKey("gen_ai.usage.cache_read.input_tokens");
    public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = stringKey("gen_ai.token.type");
    public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> GEN_AI_TOOL_DESCRIPTION = stringKey("gen_ai.tool.description");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
    // Content capture only (off by default), always redacted and truncated:
    public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
    public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
    public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS = stringKey("gen_ai.system_instructions");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");
    public static final AttributeKey<String> GEN_AI_OUTPUT_TYPE = stringKey("gen_ai.output.type");
    /** Seconds from the request to the first chunk of a streamed response. */
    public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
            doubleKey("gen_ai.response.time_to_first_chunk");
    public static final AttributeKey<String> OPENAI_RESPONSE_SERVICE_TIER = stringKey("openai.response.service_tier");
    public static final AttributeKey<String> OPENAI_RESPONSE_SYSTEM_FINGERPRINT =
            stringKey("openai.response.system_fingerprint");

    // --- general semantic conventions ---
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
    public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
    public static final AttributeKey<String> EXCEPTION_TYPE = stringKey("exception.type");
    public static final AttributeKey<String> EXCEPTION_MESSAGE = stringKey("exception.message");
    public static final AttributeKey<String> EXCEPTION_STACKTRACE = stringKey("exception.stacktrace");
    public static final String EXCEPTION_EVENT = "exception";

    // --- agentotel attributes (outside the spec) ---
    public static final AttributeKey<String> AGENT_USER_QUERY_HASH = stringKey("agent.user_query.hash");
    /** The user query's text, content capture only, redacted and truncated. */
    public static final AttributeKey<String> AGENT_USER_QUERY_TEXT = stringKey("agent.user_query.text");
    /** Set when captured content was cut to the configured length or message count. */
    public static final AttributeKey<Boolean> AGENT_CONTENT_TRUNCATED = booleanKey("agent.content.truncated");
    public static final AttributeKey<Long> AGENT_ITERATION_MAX = longKey("agent.iteration.max");
    public static final AttributeKey<Long> AGENT_ITERATION_COUNT = longKey("agent.iteration.count");
    public static final AttributeKey<Long> AGENT_ITERATION_NUMBER = longKey("agent.iteration.number");
    public static final AttributeKey<Boolean> AGENT_ITERATION_COMPLETED = booleanKey("agent.iteration.completed");
    public static final AttributeKey<Long> AGENT_FINAL_ANSWER_LENGTH = longKey("agent.final_answer.length");
    public static final AttributeKey<Long> AGENT_TOOL_RESULT_COUNT = longKey("agent.tool.result_count");
    public static final AttributeKey<Boolean> AGENT_MAX_ITERATIONS_EXCEEDED = booleanKey("agent.max_iterations_exceeded");
    /** Estimated cost of an LLM call in US dollars, from the user's price table; an estimate, not a bill. */
    public static final AttributeKey<Double> AGENT_USAGE_COST = doubleKey("agent.usage.cost");

    // --- well-known values ---
    public static final String OPERATION_INVOKE_AGENT = "invoke_agent";
    public static final String OPERATION_EXECUTE_TOOL = "execute_tool";
    public static final String OPERATION_CHAT = "chat";
    public static final String OPERATION_EMBEDDINGS = "embeddings";
    public static final String OPERATION_TEXT_COMPLETION = "text_completion";
    public static final String OPERATION_GENERATE_CONTENT = "generate_content";
    public static final String TOOL_TYPE_FUNCTION = "function";
    public static final String TOKEN_TYPE_INPUT = "input";
    public static final String TOKEN_TYPE_OUTPUT = "output";
    public static final String OUTPUT_TYPE_TEXT = "text";
    public static final String OUTPUT_TYPE_JSON = "json";
    /** {@code error.type} of a streamed LLM call whose stream saw no chunk for {@code agentotel.llm.stream-timeout}. */
    public static final String ERROR_TYPE_TIMEOUT = "timeout";
    /** {@code error.type} of a streamed LLM call still open when {@code AgentTelemetry} was closed. */
    public static final String ERROR_TYPE_SHUTDOWN = "shutdown";

    // --- span and event names ---
    /** Name of the {@code @Iteration} span. Run, LLM and tool span names are built from their operation. */
    public static final String SPAN_ITERATION = "agent.iteration";
    /** Event on the run span when the iteration budget ran out; carries {@link #AGENT_ITERATION_COUNT}. */
    public static final String EVENT_MAX_ITERATIONS_EXCEEDED = AGENT_MAX_ITERATIONS_EXCEEDED.getKey();

    // --- metrics ---
    public static final String METRIC_CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String METRIC_CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String METRIC_INVOKE_AGENT_DURATION = "gen_ai.invoke_agent.duration";
    public static final String METRIC_EXECUTE_TOOL_DURATION = "gen_ai.execute_tool.duration";
    public static final String METRIC_CLIENT_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    public static final String METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";
    public static final String METRIC_AGENT_ITERATIONS = "agent.iterations";
    /** Counter of estimated LLM cost in US dollars; the same name as the span attribute. */
    public static final String METRIC_AGENT_USAGE_COST = AGENT_USAGE_COST.getKey();

    // --- baggage ---
    /** Baggage entry carrying the {@code @SessionId} value for the duration of a run. */
    public static final String BAGGAGE_SESSION_ID = "agent.session_id";

    // --- resource ---
    /** The standard resource attribute, read (never set) by agentotel: the waterfall labels other services' spans. */
    public static final AttributeKey<String> SERVICE_NAME = stringKey("service.name");
    public static final AttributeKey<String> TELEMETRY_DISTRO_NAME = stringKey("telemetry.distro.name");
    public static final AttributeKey<String> TELEMETRY_DISTRO_VERSION = stringKey("telemetry.distro.version");
    public static final AttributeKey<String> AI_AGENT_FRAMEWORK = stringKey("ai.agent.framework");
    public static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT_NAME = stringKey("deployment.environment.name");
    public static final String DISTRO_NAME = "agentotel";

    private GenAiAttributes() {}
}
