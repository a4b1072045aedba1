package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_CONTENT_TRUNCATED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_RESULT;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_DESCRIPTION;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.OPERATION_EXECUTE_TOOL;
import static dev.agentotel.telemetry.GenAiAttributes.TOOL_TYPE_FUNCTION;

import dev.agentotel.generated.ToolTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/** {@code @Tool}: an INTERNAL {@code execute_tool {name}} span. */
final class ToolPlan extends MethodPlan {

    private final ToolTelemetry descriptor;
    private final String spanName;
    private final Attributes startAttributes;
    private final Attributes metricAttributes;

    ToolPlan(ToolTelemetry descriptor) {
        this.descriptor = descriptor;
        this.spanName = OPERATION_EXECUTE_TOOL + ' ' + descriptor.toolName();
        AttributesBuilder start = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_EXECUTE_TOOL)
                .put(GEN_AI_TOOL_NAME, descriptor.toolName())
                .put(GEN_AI_TOOL_TYPE, TOOL_TYPE_FUNCTION);
        AgentRunPlan.putIfNotEmpty(start, GEN_AI_TOOL_DESCRIPTION, descriptor.description());
        this.startAttributes = start.build();
        this.metricAttributes = Attributes.of(GEN_AI_TOOL_NAME, descriptor.toolName());
    }

    @Override
    Invocation start(Instruments instruments, Object[] args) {
        Context parent = Context.current();
        SpanBuilder builder = instruments.tracer.spanBuilder(spanName)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAllAttributes(startAttributes);
        String callId = toolCallId(args);
        if (callId != null) {
            builder.setAttribute(GEN_AI_TOOL_CALL_ID, callId);
        }
        Span span = builder.startSpan();
        ContentCapture.Flag truncated = null;
        if (instruments.content.capture && span.isRecording()) {
            truncated = new ContentCapture.Flag();
            try {
                captureArguments(span, args, instruments.content, truncated);
            } catch (Throwable t) {
                // The span is started and must be returned, or it would never end.
                SafeLog.warnOnce("Tool arguments capture", t);
            }
        }
        return new ToolInvocation(instruments, span, parent.with(span), truncated);
    }

    /** The {@code @ToolCallId}, bounded; {@code null} when there is none or it cannot be read (logged once). */
    private String toolCallId(Object[] args) {
        try {
            return Identifiers.bound(descriptor.toolCallId(args));
        } catch (Throwable t) {
            SafeLog.warnOnce("Tool call id", t);
            return null;
        }
    }

    /** {@code gen_ai.tool.call.arguments}: a JSON object of the captured arguments by parameter name. */
    private void captureArguments(Span span, Object[] args, ContentPolicy content, ContentCapture.Flag truncated) {
        String[] names = descriptor.argumentNames();
        if (names == null) {
            return;
        }
        StringBuilder json = new StringBuilder().append('{');
        for (int i = 0; i < names.length && i < args.length; i++) {
            if (names[i] == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            Json.string(json, names[i]);
            json.append(':');
            Object value = args[i];
            if (value == null || value instanceof Boolean) {
                json.append(value);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                // A number can be personal too (a long holding a card number): redacted like text.
                String number = value.toString();
                String redacted = content.capture(number, truncated);
                if (number.equals(redacted)) {
                    json.append(number);
                } else {
                    Json.string(json, redacted);
                }
            } else {
                Json.string(json, content.capture(text(value), truncated));
            }
        }
        span.setAttribute(GEN_AI_TOOL_CALL_ARGUMENTS, json.append('}').toString());
    }

    /** The user's object as text; a {@code toString} that throws gives nothing of it. */
    private static String text(Object value) {
        try {
            return String.valueOf(value);
        } catch (Throwable t) {
            SafeLog.warnOnce("Tool argument toString", t);
            return ContentPolicy.DROPPED;
        }
    }

    private final class ToolInvocation extends Invocation {

        /** Set when content is captured. */
        private final ContentCapture.Flag truncated;

        ToolInvocation(Instruments instruments, Span span, Context context, ContentCapture.Flag truncated) {
            super(instruments, span, context.makeCurrent(), System.nanoTime());
            this.truncated = truncated;
        }

        @Override
        void onSuccess(Object result) {
            if (span.isRecording()) {
                int count = descriptor.resultCount(result);
                if (count >= 0) {
                    span.setAttribute(AGENT_TOOL_RESULT_COUNT, count);
                }
                if (truncated != null && result != null) {
                    span.setAttribute(GEN_AI_TOOL_CALL_RESULT, instruments.content.capture(text(result), truncated));
                }
                if (truncated != null && truncated.isSet()) {
                    span.setAttribute(AGENT_CONTENT_TRUNCATED, true);
                }
            }
            instruments.executeToolDuration.record(elapsedSeconds(), metricAttributes);
        }

        @Override
        void onFailure(Throwable failure) {
            String errorType = failure.getClass().getName();
            Failures.record(span, failure, errorType, instruments.content);
            instruments.executeToolDuration.record(
                    elapsedSeconds(), metricAttributes.toBuilder().put(ERROR_TYPE, errorType).build());
        }
    }
}
