package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_FINAL_ANSWER_LENGTH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_MAX;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_MAX_ITERATIONS_EXCEEDED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_CONTENT_TRUNCATED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_HASH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_TEXT;
import static dev.agentotel.telemetry.GenAiAttributes.BAGGAGE_SESSION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.EVENT_MAX_ITERATIONS_EXCEEDED;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_DESCRIPTION;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.OPERATION_INVOKE_AGENT;

import dev.agentotel.generated.AgentRunTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/** {@code @AgentRun}: the {@code invoke_agent} span, SERVER at the root and INTERNAL when nested. */
final class AgentRunPlan extends MethodPlan {

    private static final boolean SESSION_BAGGAGE = Config.getBoolean("agentotel.session-id.baggage", true);

    private final AgentRunTelemetry descriptor;
    private final String spanName;
    private final Attributes startAttributes;
    private final Attributes metricAttributes;
    /** Of the {@code agent.iterations} points: within and over the iteration budget. */
    private final Attributes withinBudget;
    private final Attributes overBudget;

    AgentRunPlan(AgentRunTelemetry descriptor) {
        this.descriptor = descriptor;
        this.spanName = OPERATION_INVOKE_AGENT + ' ' + descriptor.agentName();
        AttributesBuilder start = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_INVOKE_AGENT)
                .put(GEN_AI_AGENT_NAME, descriptor.agentName())
                .put(AGENT_ITERATION_MAX, descriptor.maxIterations());
        AttributesBuilder metric = Attributes.builder().put(GEN_AI_AGENT_NAME, descriptor.agentName());
        putIfNotEmpty(start, GEN_AI_AGENT_ID, descriptor.agentId());
        putIfNotEmpty(start, GEN_AI_AGENT_DESCRIPTION, descriptor.description());
        putIfNotEmpty(start, GEN_AI_PROVIDER_NAME, descriptor.provider());
        putIfNotEmpty(metric, GEN_AI_PROVIDER_NAME, descriptor.provider());
        this.startAttributes = start.build();
        this.metricAttributes = metric.build();
        this.withinBudget = Attributes.of(
                GEN_AI_AGENT_NAME, descriptor.agentName(), AGENT_MAX_ITERATIONS_EXCEEDED, false);
        this.overBudget = Attributes.of(
                GEN_AI_AGENT_NAME, descriptor.agentName(), AGENT_MAX_ITERATIONS_EXCEEDED, true);
    }

    static void putIfNotEmpty(AttributesBuilder builder, io.opentelemetry.api.common.AttributeKey<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            builder.put(key, value);
        }
    }

    @Override
    Invocation start(Instruments instruments, Object[] args) {
        Context parent = Context.current();
        boolean root = !Span.fromContext(parent).getSpanContext().isValid();
        String sessionId = sessionId(args);
        SpanBuilder builder = instruments.tracer.spanBuilder(spanName)
                .setParent(parent)
                .setSpanKind(root ? SpanKind.SERVER : SpanKind.INTERNAL)
                .setAllAttributes(startAttributes);
        if (sessionId != null) {
            builder.setAttribute(GEN_AI_CONVERSATION_ID, sessionId);
        }
        Span span = builder.startSpan();
        if (span.isRecording()) {
            try {
                CharSequence query = descriptor.userQuery(args);
                if (query != null) {
                    span.setAttribute(AGENT_USER_QUERY_HASH, UserQueryHasher.hash(query));
                    ContentPolicy content = instruments.content;
                    if (content.capture && !descriptor.userQueryRedacted()) {
                        ContentCapture.Flag truncated = new ContentCapture.Flag();
                        span.setAttribute(AGENT_USER_QUERY_TEXT, content.capture(query.toString(), truncated));
                        if (truncated.isSet()) {
                            span.setAttribute(AGENT_CONTENT_TRUNCATED, true);
                        }
                    }
                }
            } catch (Throwable t) {
                // The query is the user's object (its toString may throw); the span is started and
                // must become current, or the run's iterations would turn into separate roots.
                SafeLog.warnOnce("AgentRun user query", t);
            }
        }
        RunState state = new RunState(descriptor.maxIterations());
        Context context = parent.with(span).with(RunState.KEY, state);
        if (sessionId != null && SESSION_BAGGAGE) {
            context = Baggage.fromContext(context).toBuilder()
                    .put(BAGGAGE_SESSION_ID, sessionId)
                    .build()
                    .storeInContext(context);
        }
        long startNanos = System.nanoTime();
        return new RunInvocation(instruments, span, context, startNanos, state);
    }

    /** The {@code @SessionId}, bounded; {@code null} when there is none or it cannot be read (logged once). */
    private String sessionId(Object[] args) {
        try {
            return Identifiers.bound(descriptor.sessionId(args));
        } catch (Throwable t) {
            // The id is the user's object (a CharSequence whose toString may throw): the run
            // still gets its span, without the id.
            SafeLog.warnOnce("AgentRun session id", t);
            return null;
        }
    }

    private final class RunInvocation extends Invocation {

        private final RunState state;

        RunInvocation(Instruments instruments, Span span, Context context, long startNanos, RunState state) {
            super(instruments, span, context.makeCurrent(), startNanos);
            this.state = state;
        }

        @Override
        void onSuccess(Object result) {
            if (span.isRecording()) {
                int length = descriptor.finalAnswerLength(result);
                if (length >= 0) {
                    span.setAttribute(AGENT_FINAL_ANSWER_LENGTH, length);
                }
            }
            finish(null);
        }

        @Override
        void onFailure(Throwable failure) {
            String errorType = failure.getClass().getName();
            Failures.record(span, failure, errorType, instruments.content);
            finish(errorType);
        }

        private void finish(String errorType) {
            int count = state.iterationCount();
            boolean exceeded = state.maxIterationsExceeded();
            span.setAttribute(AGENT_ITERATION_COUNT, count);
            if (exceeded) {
                span.addEvent(EVENT_MAX_ITERATIONS_EXCEEDED, Attributes.of(AGENT_ITERATION_COUNT, (long) count));
            }
            Attributes duration = errorType == null
                    ? metricAttributes
                    : metricAttributes.toBuilder().put(ERROR_TYPE, errorType).build();
            instruments.invokeAgentDuration.record(elapsedSeconds(), duration);
            instruments.iterations.record(count, exceeded ? overBudget : withinBudget);
        }
    }
}
