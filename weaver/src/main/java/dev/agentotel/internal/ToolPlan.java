package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
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
        String callId = descriptor.toolCallId(args);
        if (callId != null) {
            builder.setAttribute(GEN_AI_TOOL_CALL_ID, callId);
        }
        Span span = builder.startSpan();
        return new ToolInvocation(instruments, span, parent.with(span));
    }

    private final class ToolInvocation extends Invocation {

        ToolInvocation(Instruments instruments, Span span, Context context) {
            super(instruments, span, context.makeCurrent(), System.nanoTime());
        }

        @Override
        void onSuccess(Object result) {
            if (span.isRecording()) {
                int count = descriptor.resultCount(result);
                if (count >= 0) {
                    span.setAttribute(AGENT_TOOL_RESULT_COUNT, count);
                }
            }
            instruments.executeToolDuration.record(elapsedSeconds(), metricAttributes);
        }

        @Override
        void onFailure(Throwable failure) {
            String errorType = failure.getClass().getName();
            Failures.record(span, failure, errorType);
            instruments.executeToolDuration.record(
                    elapsedSeconds(), metricAttributes.toBuilder().put(ERROR_TYPE, errorType).build());
        }
    }
}
