package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
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
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SERVICE_TIER;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static dev.agentotel.telemetry.GenAiAttributes.TOKEN_TYPE_INPUT;
import static dev.agentotel.telemetry.GenAiAttributes.TOKEN_TYPE_OUTPUT;

import dev.agentotel.generated.LlmCallTelemetry;
import dev.agentotel.generated.LlmRequest;
import dev.agentotel.generated.LlmResponse;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.List;

/** {@code @LlmCall}: a CLIENT {@code {operation} {model}} span plus the GenAI client metrics. */
final class LlmCallPlan extends MethodPlan {

    private final LlmCallTelemetry<Object> descriptor;
    private final Attributes baseAttributes;

    LlmCallPlan(LlmCallTelemetry<Object> descriptor) {
        this.descriptor = descriptor;
        this.baseAttributes = Attributes.of(
                GEN_AI_OPERATION_NAME, descriptor.operation(), GEN_AI_PROVIDER_NAME, descriptor.provider());
    }

    @Override
    Invocation start(Instruments instruments, Object[] args) {
        Request request = new Request(baseAttributes.toBuilder());
        try {
            descriptor.request(args, request);
        } catch (Throwable t) {
            // A request we cannot read still gets its span, named after the annotation.
            SafeLog.warnOnce("LlmCall request extraction", t);
        }
        String model = request.model != null ? request.model : descriptor.model();
        String spanName = descriptor.operation();
        if (!model.isEmpty()) {
            spanName = spanName + ' ' + model;
            request.attributes.put(GEN_AI_REQUEST_MODEL, model);
        }
        Context parent = Context.current();
        Span span = instruments.tracer.spanBuilder(spanName)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAllAttributes(request.attributes.build())
                .startSpan();
        return new LlmInvocation(instruments, span, parent.with(span), model);
    }

    /** Collects request attributes before the span starts, so samplers see them. */
    private static final class Request implements LlmRequest {

        final AttributesBuilder attributes;
        String model;

        Request(AttributesBuilder attributes) {
            this.attributes = attributes;
        }

        @Override
        public void model(String model) {
            this.model = model;
        }

        @Override
        public void temperature(double temperature) {
            attributes.put(GEN_AI_REQUEST_TEMPERATURE, temperature);
        }

        @Override
        public void topP(double topP) {
            attributes.put(GEN_AI_REQUEST_TOP_P, topP);
        }

        @Override
        public void maxTokens(long maxTokens) {
            attributes.put(GEN_AI_REQUEST_MAX_TOKENS, maxTokens);
        }

        @Override
        public void frequencyPenalty(double frequencyPenalty) {
            attributes.put(GEN_AI_REQUEST_FREQUENCY_PENALTY, frequencyPenalty);
        }

        @Override
        public void presencePenalty(double presencePenalty) {
            attributes.put(GEN_AI_REQUEST_PRESENCE_PENALTY, presencePenalty);
        }

        @Override
        public void stopSequences(List<String> stopSequences) {
            attributes.put(GEN_AI_REQUEST_STOP_SEQUENCES, stopSequences);
        }

        @Override
        public void seed(long seed) {
            attributes.put(GEN_AI_REQUEST_SEED, seed);
        }

        @Override
        public void choiceCount(long choiceCount) {
            attributes.put(GEN_AI_REQUEST_CHOICE_COUNT, choiceCount);
        }
    }

    /** Receives the response straight onto the span, keeping what the metrics need. */
    private final class LlmInvocation extends Invocation implements LlmResponse {

        private final String requestModel;
        private String responseModel;
        private long inputTokens = -1;
        private long outputTokens = -1;

        LlmInvocation(Instruments instruments, Span span, Context context, String requestModel) {
            super(instruments, span, context.makeCurrent(), System.nanoTime());
            this.requestModel = requestModel;
        }

        @Override
        void onSuccess(Object result) {
            double seconds = elapsedSeconds();
            try {
                descriptor.response(result, this);
            } finally {
                recordMetrics(seconds, null);
            }
        }

        @Override
        void onFailure(Throwable failure) {
            double seconds = elapsedSeconds();
            String errorType = null;
            try {
                errorType = descriptor.errorType(failure);
            } catch (Throwable t) {
                SafeLog.warnOnce("LlmCall error type", t);
            }
            if (errorType == null) {
                errorType = failure.getClass().getName();
            }
            Failures.record(span, failure, errorType);
            recordMetrics(seconds, errorType);
        }

        private void recordMetrics(double seconds, String errorType) {
            AttributesBuilder common = baseAttributes.toBuilder();
            if (!requestModel.isEmpty()) {
                common.put(GEN_AI_REQUEST_MODEL, requestModel);
            }
            if (responseModel != null) {
                common.put(GEN_AI_RESPONSE_MODEL, responseModel);
            }
            if (errorType != null) {
                instruments.operationDuration.record(seconds, common.put(ERROR_TYPE, errorType).build());
                return;
            }
            instruments.operationDuration.record(seconds, common.build());
            if (inputTokens >= 0) {
                instruments.tokenUsage.record(inputTokens, common.put(GEN_AI_TOKEN_TYPE, TOKEN_TYPE_INPUT).build());
            }
            if (outputTokens >= 0) {
                instruments.tokenUsage.record(outputTokens, common.put(GEN_AI_TOKEN_TYPE, TOKEN_TYPE_OUTPUT).build());
            }
        }

        @Override
        public void id(String id) {
            span.setAttribute(GEN_AI_RESPONSE_ID, id);
        }

        @Override
        public void model(String model) {
            responseModel = model;
            span.setAttribute(GEN_AI_RESPONSE_MODEL, model);
        }

        @Override
        public void finishReasons(List<String> finishReasons) {
            span.setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, finishReasons);
        }

        @Override
        public void inputTokens(long tokens) {
            inputTokens = tokens;
            span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, tokens);
        }

        @Override
        public void outputTokens(long tokens) {
            outputTokens = tokens;
            span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, tokens);
        }

        @Override
        public void cacheReadInputTokens(long tokens) {
            span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, tokens);
        }

        @Override
        public void serviceTier(String serviceTier) {
            span.setAttribute(OPENAI_RESPONSE_SERVICE_TIER, serviceTier);
        }

        @Override
        public void systemFingerprint(String systemFingerprint) {
            span.setAttribute(OPENAI_RESPONSE_SYSTEM_FINGERPRINT, systemFingerprint);
        }
    }
}
