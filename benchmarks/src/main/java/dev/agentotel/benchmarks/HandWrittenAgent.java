package dev.agentotel.benchmarks;

import static dev.agentotel.benchmarks.HandWrittenChat.DURATION_BUCKETS;
import static dev.agentotel.benchmarks.HandWrittenChat.ERROR_TYPE;
import static dev.agentotel.benchmarks.HandWrittenChat.OPERATION_NAME;
import static dev.agentotel.benchmarks.HandWrittenChat.PROVIDER_NAME;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * {@link PlainAgent} instrumented by hand with the same spans, attributes, baggage and metric
 * points as {@link AnnotatedAgent} records (checked by {@link SameTelemetry}); the model call is
 * {@link HandWrittenChat}. Constant attributes are built once.
 */
public final class HandWrittenAgent {

    static final AttributeKey<String> AGENT_NAME = stringKey("gen_ai.agent.name");
    static final AttributeKey<String> CONVERSATION_ID = stringKey("gen_ai.conversation.id");
    static final AttributeKey<Long> ITERATION_MAX = longKey("agent.iteration.max");
    static final AttributeKey<Long> ITERATION_COUNT = longKey("agent.iteration.count");
    static final AttributeKey<Long> ITERATION_NUMBER = longKey("agent.iteration.number");
    static final AttributeKey<Boolean> ITERATION_COMPLETED = booleanKey("agent.iteration.completed");
    static final AttributeKey<Long> FINAL_ANSWER_LENGTH = longKey("agent.final_answer.length");
    static final AttributeKey<Boolean> MAX_ITERATIONS_EXCEEDED = booleanKey("agent.max_iterations_exceeded");
    static final AttributeKey<String> TOOL_NAME = stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_TYPE = stringKey("gen_ai.tool.type");
    static final AttributeKey<String> TOOL_DESCRIPTION = stringKey("gen_ai.tool.description");
    static final AttributeKey<String> TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
    static final AttributeKey<Long> TOOL_RESULT_COUNT = longKey("agent.tool.result_count");

    private static final String RUN_SPAN = "invoke_agent " + PlainAgent.NAME;
    private static final String TOOL_SPAN = "execute_tool " + PlainAgent.TOOL_NAME;
    private static final Attributes RUN_ATTRIBUTES = Attributes.of(
            OPERATION_NAME, "invoke_agent",
            AGENT_NAME, PlainAgent.NAME,
            ITERATION_MAX, (long) PlainAgent.MAX_ITERATIONS,
            PROVIDER_NAME, "openai");
    private static final Attributes RUN_METRIC = Attributes.of(AGENT_NAME, PlainAgent.NAME, PROVIDER_NAME, "openai");
    private static final Attributes WITHIN_BUDGET = Attributes.of(AGENT_NAME, PlainAgent.NAME, MAX_ITERATIONS_EXCEEDED, false);
    private static final Attributes OVER_BUDGET = Attributes.of(AGENT_NAME, PlainAgent.NAME, MAX_ITERATIONS_EXCEEDED, true);
    private static final Attributes TOOL_ATTRIBUTES = Attributes.of(
            OPERATION_NAME, "execute_tool",
            TOOL_NAME, PlainAgent.TOOL_NAME,
            TOOL_TYPE, "function",
            TOOL_DESCRIPTION, PlainAgent.TOOL_DESCRIPTION);
    private static final Attributes TOOL_METRIC = Attributes.of(TOOL_NAME, PlainAgent.TOOL_NAME);
    private static final List<Long> ITERATION_BUCKETS = List.of(1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 100L);

    private final HandWrittenChat chat;
    private final ChatCompletionCreateParams params;
    private final Tracer tracer;
    private final DoubleHistogram invokeAgentDuration;
    private final LongHistogram iterations;
    private final DoubleHistogram executeToolDuration;

    public HandWrittenAgent(OpenTelemetry openTelemetry, CannedChat model, ChatCompletionCreateParams params) {
        this.chat = new HandWrittenChat(openTelemetry, model);
        this.params = params;
        this.tracer = openTelemetry.getTracer(HandWrittenChat.SCOPE);
        Meter meter = openTelemetry.getMeter(HandWrittenChat.SCOPE);
        this.invokeAgentDuration = meter.histogramBuilder("gen_ai.invoke_agent.duration")
                .setUnit("s")
                .setDescription("Duration of an agent run.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.iterations = meter.histogramBuilder("agent.iterations")
                .ofLongs()
                .setUnit("{iteration}")
                .setDescription("Iterations used per agent run.")
                .setExplicitBucketBoundariesAdvice(ITERATION_BUCKETS)
                .build();
        this.executeToolDuration = meter.histogramBuilder("gen_ai.execute_tool.duration")
                .setUnit("s")
                .setDescription("Duration of a tool call.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
    }

    public String answer(String sessionId, String question) {
        Context parent = Context.current();
        boolean root = !Span.fromContext(parent).getSpanContext().isValid();
        Span span = tracer.spanBuilder(RUN_SPAN)
                .setParent(parent)
                .setSpanKind(root ? SpanKind.SERVER : SpanKind.INTERNAL)
                .setAllAttributes(RUN_ATTRIBUTES)
                .setAttribute(CONVERSATION_ID, sessionId)
                .startSpan();
        Context context = parent.with(span);
        context = Baggage.fromContext(context).toBuilder()
                .put("agent.session_id", sessionId)
                .build()
                .storeInContext(context);
        long start = System.nanoTime();
        int count = 0;
        boolean completed = false;
        String answer = null;
        try (Scope ignored = context.makeCurrent()) {
            for (int i = 0; i < PlainAgent.MAX_ITERATIONS; i++) {
                count++;
                completed = step(i, question);
                if (completed) {
                    answer = PlainAgent.ANSWER;
                    break;
                }
            }
        } catch (RuntimeException | Error failure) {
            String errorType = failure.getClass().getName();
            failed(span, failure, errorType);
            span.setAttribute(ITERATION_COUNT, count);
            span.end();
            invokeAgentDuration.record((System.nanoTime() - start) / 1e9, RUN_METRIC.toBuilder().put(ERROR_TYPE, errorType).build());
            iterations.record(count, WITHIN_BUDGET);
            throw failure;
        }
        if (answer != null) {
            span.setAttribute(FINAL_ANSWER_LENGTH, answer.length());
        }
        boolean exceeded = count >= PlainAgent.MAX_ITERATIONS && !completed;
        span.setAttribute(ITERATION_COUNT, count);
        if (exceeded) {
            span.addEvent("agent.max_iterations_exceeded", Attributes.of(ITERATION_COUNT, (long) count));
        }
        span.end();
        invokeAgentDuration.record((System.nanoTime() - start) / 1e9, RUN_METRIC);
        iterations.record(count, exceeded ? OVER_BUDGET : WITHIN_BUDGET);
        return answer;
    }

    boolean step(int number, String question) {
        Span span = tracer.spanBuilder("agent.iteration")
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(ITERATION_NUMBER, (long) number)
                .setAttribute(ITERATION_MAX, (long) PlainAgent.MAX_ITERATIONS)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            ChatCompletion completion = chat.chat(params);
            List<String> documents = search(PlainAgent.TOOL_CALL_ID, question);
            boolean completed = !documents.isEmpty() && completion != null;
            span.setAttribute(ITERATION_COMPLETED, completed);
            return completed;
        } catch (RuntimeException | Error failure) {
            failed(span, failure, failure.getClass().getName());
            throw failure;
        } finally {
            span.end();
        }
    }

    List<String> search(String callId, String query) {
        Span span = tracer.spanBuilder(TOOL_SPAN)
                .setSpanKind(SpanKind.INTERNAL)
                .setAllAttributes(TOOL_ATTRIBUTES)
                .setAttribute(TOOL_CALL_ID, callId)
                .startSpan();
        long start = System.nanoTime();
        List<String> documents;
        try (Scope ignored = span.makeCurrent()) {
            documents = PlainAgent.DOCUMENTS;
        } catch (RuntimeException | Error failure) {
            String errorType = failure.getClass().getName();
            failed(span, failure, errorType);
            span.end();
            executeToolDuration.record((System.nanoTime() - start) / 1e9, TOOL_METRIC.toBuilder().put(ERROR_TYPE, errorType).build());
            throw failure;
        }
        span.setAttribute(TOOL_RESULT_COUNT, documents.size());
        span.end();
        executeToolDuration.record((System.nanoTime() - start) / 1e9, TOOL_METRIC);
        return documents;
    }

    private static void failed(Span span, Throwable failure, String errorType) {
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(ERROR_TYPE, errorType);
        span.recordException(failure);
    }
}
