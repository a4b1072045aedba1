package dev.agentotel.telemetry;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_CONTENT_TRUNCATED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_FINAL_ANSWER_LENGTH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COMPLETED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_MAX;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_HASH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_TEXT;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.EVENT_MAX_ITERATIONS_EXCEEDED;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_EVENT;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_DESCRIPTION;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OUTPUT_MESSAGES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OUTPUT_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_CHOICE_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_FREQUENCY_PENALTY;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MAX_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_PRESENCE_PENALTY;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_SEED;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_STOP_SEQUENCES;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_TEMPERATURE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_REQUEST_TOP_P;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_SYSTEM_INSTRUCTIONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_RESULT;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_DESCRIPTION;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_ITERATIONS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_OPERATION_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_CLIENT_TOKEN_USAGE;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_EXECUTE_TOOL_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_INVOKE_AGENT_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SERVICE_TIER;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static dev.agentotel.telemetry.GenAiAttributes.SERVER_ADDRESS;
import static dev.agentotel.telemetry.GenAiAttributes.SERVER_PORT;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What each kind of agentotel span can carry: its span kind, the attributes it may have and when,
 * the events it may get and the metrics its method feeds. This is the one description of that
 * surface; the annotation processor's telemetry catalog ({@code META-INF/agentotel/telemetry-catalog.json})
 * is built from it, and tests check every span the runtime emits against it, so the catalog never
 * lists less than the runtime does.
 *
 * <p>Names come from {@link GenAiAttributes}. Lists keep a fixed order: the order in which the
 * runtime sets the attributes, as in the telemetry contract.
 */
public final class TelemetrySurface {

    /** When an attribute is on a span. */
    public enum Presence {
        /** On every span of the method, success or failure. */
        ALWAYS,
        /** When the value is known: the argument is not {@code null}, the call failed, the response had it, ... */
        WHEN_AVAILABLE,
        /** Only with content capture on (off by default), always redacted and truncated. */
        CONTENT_CAPTURE
    }

    /**
     * What the annotated method must have for an attribute to be possible at all; a method without
     * it never gets the attribute.
     */
    public enum Requirement {
        /** Nothing: every method of the kind. */
        NONE,
        /** {@code @AgentRun(id)} is not empty. */
        AGENT_ID,
        /** {@code @AgentRun(description)} is not empty. */
        AGENT_DESCRIPTION,
        /** {@code @AgentRun(provider)} is not empty. */
        AGENT_PROVIDER,
        /** A {@code @SessionId} parameter without {@code @Redact}. */
        SESSION_ID,
        /** A {@code @UserQuery} parameter. */
        USER_QUERY,
        /** A {@code @UserQuery} parameter without {@code @Redact}. */
        UNREDACTED_USER_QUERY,
        /** The method returns a {@code CharSequence}. */
        TEXT_RESULT,
        /** The method returns {@code boolean}, {@code Boolean} or an {@code Optional}. */
        COMPLETION_RESULT,
        /** {@code @Tool(description)} is not empty. */
        TOOL_DESCRIPTION,
        /** A {@code @ToolCallId} parameter without {@code @Redact}. */
        TOOL_CALL_ID,
        /** The method returns a {@code Collection}, a {@code Map} or an array. */
        COUNTED_RESULT,
        /** A parameter with neither {@code @Redact} nor {@code @ToolCallId}. */
        CAPTURED_ARGUMENTS,
        /** The method returns a value (not {@code void}). */
        RESULT,
        /** {@code @LlmCall(model)} is not empty. */
        MODEL,
        /** The request parameter has no {@code @Redact}. */
        UNREDACTED_REQUEST
    }

    /** The request parameter an {@code @LlmCall} method reads, by its openai-java type. */
    public enum LlmRequest {
        /** No request parameter. */
        NONE,
        /** {@code ChatCompletionCreateParams}. */
        CHAT_COMPLETIONS,
        /** {@code EmbeddingCreateParams}. */
        EMBEDDINGS,
        /** {@code ResponseCreateParams} (the Responses API). */
        RESPONSES
    }

    /** The response an {@code @LlmCall} method returns, directly or in a {@code CompletableFuture}. */
    public enum LlmResponse {
        /** {@code ChatCompletion}. */
        CHAT_COMPLETION,
        /** {@code StreamResponse<ChatCompletionChunk>}. */
        CHAT_COMPLETION_STREAM,
        /** {@code CreateEmbeddingResponse}. */
        EMBEDDINGS,
        /** {@code Response} (the Responses API). */
        RESPONSES,
        /** A user's type implementing {@link GenAiResponse}. */
        GEN_AI_RESPONSE
    }

    /**
     * One attribute a span can carry.
     *
     * @param key its name and type
     * @param presence when it is on the span
     * @param requirement what the method needs for it to be possible
     */
    public record Attribute(AttributeKey<?> key, Presence presence, Requirement requirement) {

        public Attribute {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(presence, "presence");
            Objects.requireNonNull(requirement, "requirement");
        }
    }

    /**
     * The surface of one kind of span. Immutable.
     *
     * @param kind the span kind; for {@code @AgentRun} the kind of a run that starts a trace
     * @param kindWhenNested the span kind when another span is active at entry
     * @param attributes every attribute the span can carry, in the order the runtime sets them
     * @param events the names of the events the span can get
     * @param metrics the names of the metrics the method's calls feed
     */
    public record Surface(
            SpanKind kind, SpanKind kindWhenNested, List<Attribute> attributes, List<String> events, List<String> metrics) {

        public Surface {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(kindWhenNested, "kindWhenNested");
            attributes = List.copyOf(attributes);
            events = List.copyOf(events);
            metrics = List.copyOf(metrics);
        }

        /** Whether a span of this kind can carry {@code key} (with any presence and requirement). */
        public boolean allows(AttributeKey<?> key) {
            return attributes.stream().anyMatch(attribute -> attribute.key().equals(key));
        }

        /** The keys of the attributes with this presence, in order. */
        public List<AttributeKey<?>> keys(Presence presence) {
            List<AttributeKey<?>> keys = new ArrayList<>();
            for (Attribute attribute : attributes) {
                if (attribute.presence() == presence) {
                    keys.add(attribute.key());
                }
            }
            return List.copyOf(keys);
        }
    }

    private static final Surface AGENT_RUN = new Surface(SpanKind.SERVER, SpanKind.INTERNAL, List.of(
            always(GEN_AI_OPERATION_NAME),
            always(GEN_AI_AGENT_NAME),
            new Attribute(GEN_AI_AGENT_ID, Presence.ALWAYS, Requirement.AGENT_ID),
            new Attribute(GEN_AI_AGENT_DESCRIPTION, Presence.ALWAYS, Requirement.AGENT_DESCRIPTION),
            new Attribute(GEN_AI_PROVIDER_NAME, Presence.ALWAYS, Requirement.AGENT_PROVIDER),
            new Attribute(GEN_AI_CONVERSATION_ID, Presence.WHEN_AVAILABLE, Requirement.SESSION_ID),
            new Attribute(AGENT_USER_QUERY_HASH, Presence.WHEN_AVAILABLE, Requirement.USER_QUERY),
            always(AGENT_ITERATION_MAX),
            always(AGENT_ITERATION_COUNT),
            new Attribute(AGENT_FINAL_ANSWER_LENGTH, Presence.WHEN_AVAILABLE, Requirement.TEXT_RESULT),
            whenAvailable(ERROR_TYPE),
            new Attribute(AGENT_USER_QUERY_TEXT, Presence.CONTENT_CAPTURE, Requirement.UNREDACTED_USER_QUERY),
            new Attribute(AGENT_CONTENT_TRUNCATED, Presence.CONTENT_CAPTURE, Requirement.UNREDACTED_USER_QUERY)),
            List.of(EVENT_MAX_ITERATIONS_EXCEEDED, EXCEPTION_EVENT),
            List.of(METRIC_INVOKE_AGENT_DURATION, METRIC_AGENT_ITERATIONS));

    // Number and budget come from the enclosing run: an iteration outside any run has neither.
    private static final Surface ITERATION = new Surface(SpanKind.INTERNAL, SpanKind.INTERNAL, List.of(
            whenAvailable(AGENT_ITERATION_NUMBER),
            whenAvailable(AGENT_ITERATION_MAX),
            new Attribute(AGENT_ITERATION_COMPLETED, Presence.WHEN_AVAILABLE, Requirement.COMPLETION_RESULT),
            whenAvailable(ERROR_TYPE)),
            List.of(EXCEPTION_EVENT),
            List.of());

    private static final Surface TOOL = new Surface(SpanKind.INTERNAL, SpanKind.INTERNAL, List.of(
            always(GEN_AI_OPERATION_NAME),
            always(GEN_AI_TOOL_NAME),
            always(GEN_AI_TOOL_TYPE),
            new Attribute(GEN_AI_TOOL_DESCRIPTION, Presence.ALWAYS, Requirement.TOOL_DESCRIPTION),
            new Attribute(GEN_AI_TOOL_CALL_ID, Presence.WHEN_AVAILABLE, Requirement.TOOL_CALL_ID),
            new Attribute(AGENT_TOOL_RESULT_COUNT, Presence.WHEN_AVAILABLE, Requirement.COUNTED_RESULT),
            whenAvailable(ERROR_TYPE),
            new Attribute(GEN_AI_TOOL_CALL_ARGUMENTS, Presence.CONTENT_CAPTURE, Requirement.CAPTURED_ARGUMENTS),
            new Attribute(GEN_AI_TOOL_CALL_RESULT, Presence.CONTENT_CAPTURE, Requirement.RESULT),
            new Attribute(AGENT_CONTENT_TRUNCATED, Presence.CONTENT_CAPTURE, Requirement.NONE)),
            List.of(EXCEPTION_EVENT),
            List.of(METRIC_EXECUTE_TOOL_DURATION));

    private TelemetrySurface() {}

    /** {@code @AgentRun}: the {@code invoke_agent} span. */
    public static Surface agentRun() {
        return AGENT_RUN;
    }

    /** {@code @Iteration}: the {@code agent.iteration} span. */
    public static Surface iteration() {
        return ITERATION;
    }

    /** {@code @Tool}: the {@code execute_tool} span. */
    public static Surface tool() {
        return TOOL;
    }

    /**
     * {@code @LlmCall}: the model call's span. What it carries beyond the operation, provider and
     * model depends on the request the generated code reads and on the response it reads.
     */
    public static Surface llmCall(LlmRequest request, LlmResponse response) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(always(GEN_AI_OPERATION_NAME));
        attributes.add(always(GEN_AI_PROVIDER_NAME));
        // The request's model, else the annotation's; without a request parameter, the annotation's.
        attributes.add(request == LlmRequest.NONE
                ? new Attribute(GEN_AI_REQUEST_MODEL, Presence.ALWAYS, Requirement.MODEL)
                : whenAvailable(GEN_AI_REQUEST_MODEL));
        switch (request) {
            case CHAT_COMPLETIONS:
                add(attributes, GEN_AI_REQUEST_TEMPERATURE, GEN_AI_REQUEST_TOP_P, GEN_AI_REQUEST_MAX_TOKENS,
                        GEN_AI_REQUEST_FREQUENCY_PENALTY, GEN_AI_REQUEST_PRESENCE_PENALTY, GEN_AI_REQUEST_STOP_SEQUENCES,
                        GEN_AI_REQUEST_SEED, GEN_AI_REQUEST_CHOICE_COUNT, GEN_AI_OUTPUT_TYPE);
                break;
            case RESPONSES:
                add(attributes, GEN_AI_REQUEST_TEMPERATURE, GEN_AI_REQUEST_TOP_P, GEN_AI_REQUEST_MAX_TOKENS,
                        GEN_AI_OUTPUT_TYPE);
                break;
            default:
                break;
        }
        add(attributes, SERVER_ADDRESS, SERVER_PORT);
        switch (response) {
            case CHAT_COMPLETION:
                add(attributes, GEN_AI_RESPONSE_ID, GEN_AI_RESPONSE_MODEL, GEN_AI_RESPONSE_FINISH_REASONS,
                        GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
                        OPENAI_RESPONSE_SERVICE_TIER, OPENAI_RESPONSE_SYSTEM_FINGERPRINT);
                break;
            case CHAT_COMPLETION_STREAM:
                add(attributes, GEN_AI_RESPONSE_ID, GEN_AI_RESPONSE_MODEL, GEN_AI_RESPONSE_FINISH_REASONS,
                        GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
                        OPENAI_RESPONSE_SERVICE_TIER, OPENAI_RESPONSE_SYSTEM_FINGERPRINT,
                        GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
                break;
            case EMBEDDINGS:
                add(attributes, GEN_AI_RESPONSE_MODEL, GEN_AI_USAGE_INPUT_TOKENS);
                break;
            case RESPONSES:
                add(attributes, GEN_AI_RESPONSE_ID, GEN_AI_RESPONSE_MODEL, GEN_AI_RESPONSE_FINISH_REASONS,
                        GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
                        OPENAI_RESPONSE_SERVICE_TIER);
                break;
            case GEN_AI_RESPONSE:
                add(attributes, GEN_AI_RESPONSE_ID, GEN_AI_RESPONSE_MODEL, GEN_AI_RESPONSE_FINISH_REASONS,
                        GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_OUTPUT_TOKENS);
                break;
            default:
                throw new IllegalArgumentException(response.name());
        }
        // Only with a price table configured, and only for a response with usage.
        attributes.add(whenAvailable(AGENT_USAGE_COST));
        attributes.add(whenAvailable(ERROR_TYPE));

        // Content capture: the messages of chat and Responses API requests (never of a @Redact
        // request), the messages of chat and Responses API responses; nothing for embeddings or
        // a user's type.
        boolean requestContent = request == LlmRequest.CHAT_COMPLETIONS || request == LlmRequest.RESPONSES;
        boolean responseContent = response == LlmResponse.CHAT_COMPLETION
                || response == LlmResponse.CHAT_COMPLETION_STREAM || response == LlmResponse.RESPONSES;
        if (requestContent) {
            attributes.add(new Attribute(GEN_AI_SYSTEM_INSTRUCTIONS, Presence.CONTENT_CAPTURE, Requirement.UNREDACTED_REQUEST));
            attributes.add(new Attribute(GEN_AI_INPUT_MESSAGES, Presence.CONTENT_CAPTURE, Requirement.UNREDACTED_REQUEST));
        }
        if (responseContent) {
            attributes.add(new Attribute(GEN_AI_OUTPUT_MESSAGES, Presence.CONTENT_CAPTURE, Requirement.NONE));
        }
        if (responseContent || requestContent) {
            attributes.add(new Attribute(AGENT_CONTENT_TRUNCATED, Presence.CONTENT_CAPTURE,
                    responseContent ? Requirement.NONE : Requirement.UNREDACTED_REQUEST));
        }

        List<String> metrics = new ArrayList<>(List.of(METRIC_CLIENT_OPERATION_DURATION, METRIC_CLIENT_TOKEN_USAGE));
        if (response == LlmResponse.CHAT_COMPLETION_STREAM) {
            metrics.add(METRIC_CLIENT_TIME_TO_FIRST_CHUNK);
            metrics.add(METRIC_CLIENT_TIME_PER_OUTPUT_CHUNK);
        }
        metrics.add(METRIC_AGENT_USAGE_COST);
        return new Surface(SpanKind.CLIENT, SpanKind.CLIENT, attributes, List.of(EXCEPTION_EVENT), metrics);
    }

    private static Attribute always(AttributeKey<?> key) {
        return new Attribute(key, Presence.ALWAYS, Requirement.NONE);
    }

    private static Attribute whenAvailable(AttributeKey<?> key) {
        return new Attribute(key, Presence.WHEN_AVAILABLE, Requirement.NONE);
    }

    private static void add(List<Attribute> attributes, AttributeKey<?>... whenAvailable) {
        for (AttributeKey<?> key : whenAvailable) {
            attributes.add(whenAvailable(key));
        }
    }
}
