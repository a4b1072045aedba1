package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COMPLETED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_MAX;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.SPAN_ITERATION;

import dev.agentotel.generated.IterationTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/** {@code @Iteration}: an INTERNAL {@code agent.iteration} span numbered within its run. */
final class IterationPlan extends MethodPlan {

    private final IterationTelemetry descriptor;

    IterationPlan(IterationTelemetry descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    Invocation start(Instruments instruments, Object[] args) {
        Context parent = Context.current();
        RunState run = parent.get(RunState.KEY);
        SpanBuilder builder = instruments.tracer.spanBuilder(SPAN_ITERATION)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL);
        if (run != null) {
            builder.setAttribute(AGENT_ITERATION_NUMBER, run.nextIteration());
            builder.setAttribute(AGENT_ITERATION_MAX, run.maxIterations);
        } else {
            // Almost always a run that hands its iterations to another thread without its context.
            SafeLog.warnOnce("iteration-outside-run", "An @Iteration method started outside any @AgentRun, "
                    + "so its agent.iteration span has no number and is not part of a run's trace. If the run "
                    + "calls it on another thread (an executor, CompletableFuture.supplyAsync, a virtual "
                    + "thread), submit the work through dev.agentotel.telemetry.AgentContext, e.g. "
                    + "AgentContext.wrap(executor). This is logged once.");
        }
        Span span = builder.startSpan();
        return new IterationInvocation(instruments, span, parent.with(span), run);
    }

    private final class IterationInvocation extends Invocation {

        private final RunState run;

        IterationInvocation(Instruments instruments, Span span, Context context, RunState run) {
            super(instruments, span, context.makeCurrent(), System.nanoTime());
            this.run = run;
        }

        @Override
        void onSuccess(Object result) {
            Boolean completed = descriptor.completed(result);
            if (completed != null) {
                span.setAttribute(AGENT_ITERATION_COMPLETED, completed);
            }
            if (run != null) {
                run.iterationEnded(completed);
            }
        }

        @Override
        void onFailure(Throwable failure) {
            Failures.record(span, failure, failure.getClass().getName(), instruments.content);
            if (run != null) {
                run.iterationEnded(Boolean.FALSE);
            }
        }
    }
}
