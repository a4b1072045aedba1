package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
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
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SERVICE_TIER;
import static dev.agentotel.telemetry.GenAiAttributes.OPENAI_RESPONSE_SYSTEM_FINGERPRINT;
import static dev.agentotel.telemetry.GenAiAttributes.SERVER_ADDRESS;
import static dev.agentotel.telemetry.GenAiAttributes.SERVER_PORT;
import static dev.agentotel.telemetry.GenAiAttributes.TOKEN_TYPE_INPUT;
import static dev.agentotel.telemetry.GenAiAttributes.TOKEN_TYPE_OUTPUT;

import dev.agentotel.generated.LlmCallTelemetry;
import dev.agentotel.generated.LlmCallTelemetry.Completion;
import dev.agentotel.generated.LlmRequest;
import dev.agentotel.generated.LlmStream;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code @LlmCall}: a CLIENT {@code {operation} {model}} span plus the GenAI client metrics. The
 * span ends when the method returns, when its future completes, or when its stream ends, as the
 * descriptor's {@link Completion} says.
 */
final class LlmCallPlan extends MethodPlan {

    /** Choices of a streamed response whose finish reasons are kept; the conventions' attribute is an array of them. */
    private static final int MAX_CHOICES = 128;
    /** Characters of a streamed choice kept for content capture, far beyond any captured length. */
    private static final int MAX_STREAMED_TEXT = 256 * 1024;

    private final LlmCallTelemetry<Object> descriptor;
    private final Attributes baseAttributes;
    /**
     * The span name and metric points of the latest call, reused while its models stay the same
     * (almost always): building them costs more than comparing two strings. Immutable, so a race
     * only builds them once more.
     */
    private SpanName lastSpanName;
    private MetricPoints lastMetricPoints;

    LlmCallPlan(LlmCallTelemetry<Object> descriptor) {
        this.descriptor = descriptor;
        this.baseAttributes = Attributes.of(
                GEN_AI_OPERATION_NAME, descriptor.operation(), GEN_AI_PROVIDER_NAME, descriptor.provider());
    }

    @Override
    Invocation start(Instruments instruments, Object[] args) {
        Request request = new Request();
        try {
            descriptor.request(args, request);
        } catch (Throwable t) {
            // A request we cannot read still gets its span, named after the annotation.
            SafeLog.warnOnce("LlmCall request extraction", t);
        }
        String model = request.model != null ? request.model : descriptor.model();
        Context parent = Context.current();
        // Request attributes go on the builder, so that samplers see them.
        SpanBuilder builder = instruments.tracer.spanBuilder(spanName(model))
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GEN_AI_OPERATION_NAME, descriptor.operation())
                .setAttribute(GEN_AI_PROVIDER_NAME, descriptor.provider());
        if (!model.isEmpty()) {
            builder.setAttribute(GEN_AI_REQUEST_MODEL, model);
        }
        request.putOn(builder);
        ServerEndpoint server = instruments.llmServer.forProvider(descriptor.provider());
        if (server.address != null) {
            builder.setAttribute(SERVER_ADDRESS, server.address);
            if (server.port >= 0) {
                builder.setAttribute(SERVER_PORT, server.port);
            }
        }
        Span span = builder.startSpan();
        ContentCapture content = null;
        if (instruments.content.capture && span.isRecording()) {
            content = new ContentCapture(instruments.content);
            try {
                descriptor.requestContent(args, content);
                content.putRequest(span);
            } catch (Throwable t) {
                SafeLog.warnOnce("LlmCall request content", t);
            }
        }
        return new LlmInvocation(instruments, span, parent.with(span), model, server, content);
    }

    /** {@code {operation} {model}}, or the operation alone when no model is known. */
    private String spanName(String model) {
        SpanName last = lastSpanName;
        if (last != null && last.model.equals(model)) {
            return last.name;
        }
        String name = model.isEmpty() ? descriptor.operation() : descriptor.operation() + ' ' + model;
        lastSpanName = new SpanName(model, name);
        return name;
    }

    /** The attributes of the metric points of a call with these models and server. */
    private MetricPoints metricPoints(String requestModel, String responseModel, ServerEndpoint server) {
        MetricPoints last = lastMetricPoints;
        if (last != null && last.isFor(requestModel, responseModel, server)) {
            return last;
        }
        AttributesBuilder common = baseAttributes.toBuilder();
        if (!requestModel.isEmpty()) {
            common.put(GEN_AI_REQUEST_MODEL, requestModel);
        }
        if (responseModel != null) {
            common.put(GEN_AI_RESPONSE_MODEL, responseModel);
        }
        if (server.address != null) {
            common.put(SERVER_ADDRESS, server.address);
            if (server.port >= 0) {
                common.put(SERVER_PORT, server.port);
            }
        }
        Attributes operation = common.build();
        MetricPoints points = new MetricPoints(requestModel, responseModel, server, operation,
                operation.toBuilder().put(GEN_AI_TOKEN_TYPE, TOKEN_TYPE_INPUT).build(),
                operation.toBuilder().put(GEN_AI_TOKEN_TYPE, TOKEN_TYPE_OUTPUT).build());
        lastMetricPoints = points;
        return points;
    }

    private record SpanName(String model, String name) {}

    /** Attributes of the operation duration (and chunk timings) and of the two token usage points. */
    private record MetricPoints(String requestModel, String responseModel, ServerEndpoint server,
            Attributes operation, Attributes inputTokens, Attributes outputTokens) {

        boolean isFor(String requestModel, String responseModel, ServerEndpoint server) {
            return this.server == server
                    && this.requestModel.equals(requestModel)
                    && Objects.equals(this.responseModel, responseModel);
        }
    }

    /**
     * Collects the request before the span starts; {@link #putOn} then puts it on the span builder.
     */
    private static final class Request implements LlmRequest {

        String model;
        private Double temperature;
        private Double topP;
        private Long maxTokens;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private List<String> stopSequences;
        private Long seed;
        private Long choiceCount;
        private String outputType;

        @Override
        public void model(String model) {
            this.model = Identifiers.bound(model);
        }

        @Override
        public void temperature(Double temperature) {
            this.temperature = temperature;
        }

        @Override
        public void topP(Double topP) {
            this.topP = topP;
        }

        @Override
        public void maxTokens(Long maxTokens) {
            this.maxTokens = maxTokens;
        }

        @Override
        public void frequencyPenalty(Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
        }

        @Override
        public void presencePenalty(Double presencePenalty) {
            this.presencePenalty = presencePenalty;
        }

        @Override
        public void stopSequences(List<String> stopSequences) {
            this.stopSequences = Identifiers.bound(stopSequences);
        }

        @Override
        public void seed(Long seed) {
            this.seed = seed;
        }

        @Override
        public void choiceCount(Long choiceCount) {
            this.choiceCount = choiceCount;
        }

        @Override
        public void outputType(String outputType) {
            this.outputType = outputType;
        }

        void putOn(SpanBuilder builder) {
            if (temperature != null) {
                builder.setAttribute(GEN_AI_REQUEST_TEMPERATURE, temperature);
            }
            if (topP != null) {
                builder.setAttribute(GEN_AI_REQUEST_TOP_P, topP);
            }
            if (maxTokens != null) {
                builder.setAttribute(GEN_AI_REQUEST_MAX_TOKENS, maxTokens);
            }
            if (frequencyPenalty != null) {
                builder.setAttribute(GEN_AI_REQUEST_FREQUENCY_PENALTY, frequencyPenalty);
            }
            if (presencePenalty != null) {
                builder.setAttribute(GEN_AI_REQUEST_PRESENCE_PENALTY, presencePenalty);
            }
            if (stopSequences != null) {
                builder.setAttribute(GEN_AI_REQUEST_STOP_SEQUENCES, stopSequences);
            }
            if (seed != null) {
                builder.setAttribute(GEN_AI_REQUEST_SEED, seed);
            }
            if (choiceCount != null) {
                builder.setAttribute(GEN_AI_REQUEST_CHOICE_COUNT, choiceCount);
            }
            if (outputType != null) {
                builder.setAttribute(GEN_AI_OUTPUT_TYPE, outputType);
            }
        }
    }

    /**
     * Collects the response (from the result, the future's value or the stream's chunks, where a
     * later chunk's value replaces an earlier one) and puts it on the span when the call ends.
     */
    private final class LlmInvocation extends Invocation
            implements LlmStream, ObservedStream.Events, OpenStreams.Stream {

        private final String requestModel;
        private final ServerEndpoint server;
        private String responseId;
        private String responseModel;
        private List<String> finishReasons;
        /** Token counts as reported, boxed as the span keeps them; {@code null} when not reported. */
        private Long inputTokens;
        private Long outputTokens;
        private Long cacheReadInputTokens;
        private String serviceTier;
        private String systemFingerprint;
        /** The captured content, {@code null} when content capture is off. */
        private final ContentCapture content;
        /** Streams: set by {@link #observe}, whose second call is not observed; guarded by {@code this}. */
        private StreamState stream;
        /** Futures and streams end once, possibly on another thread; guarded by {@code this}. */
        private boolean ended;
        /** Streams: when the method returned or the latest chunk arrived, for the stream timeout. */
        private volatile long lastActivityNanos;

        LlmInvocation(Instruments instruments, Span span, Context context, String requestModel, ServerEndpoint server,
                ContentCapture content) {
            super(instruments, span, context.makeCurrent(), System.nanoTime());
            this.requestModel = requestModel;
            this.server = server;
            this.content = content;
        }

        // --- how the call ends ---

        @Override
        void onSuccess(Object result) {
            double seconds = elapsedSeconds();
            try {
                if (result != null) {
                    descriptor.response(result, this);
                    captureResponse(result);
                }
            } finally {
                finish(seconds, null, null);
            }
        }

        @Override
        void onFailure(Throwable failure) {
            finish(elapsedSeconds(), failure, null);
        }

        @Override
        boolean endsLater(Object result) {
            Completion completion = descriptor.completion();
            return completion == Completion.FUTURE ? result instanceof CompletionStage
                    : completion == Completion.STREAM && result != null;
        }

        @Override
        Object observeLater(Object result) {
            try {
                if (descriptor.completion() == Completion.FUTURE) {
                    ((CompletionStage<?>) result).whenComplete(this::futureCompleted);
                    return result;
                }
                Object observed = descriptor.observeStream(result, this);
                if (observed != null) {
                    lastActivityNanos = System.nanoTime();
                    instruments.streams.add(this);
                    return observed;
                }
            } catch (Throwable t) {
                SafeLog.warnOnce("LlmCall observe " + descriptor.completion(), t);
            }
            end(null);
            return result;
        }

        private void futureCompleted(Object value, Throwable failure) {
            if (failure == null && value != null) {
                try {
                    descriptor.response(value, this);
                } catch (Throwable t) {
                    SafeLog.warnOnce("LlmCall response extraction", t);
                }
                captureResponse(value);
            }
            end(failure == null ? null : unwrap(failure));
        }

        /** Ends a future's or stream's span, once. */
        private void end(Throwable failure) {
            end(failure, null);
        }

        /**
         * Ends a future's or stream's span, once: with {@code failure}, or when {@code abandoned}
         * is set, with that {@code error.type} and no exception.
         */
        private void end(Throwable failure, String abandoned) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                // Under the lock: a stream's reader may still be writing on another thread.
                try {
                    finish(elapsedSeconds(), failure, abandoned);
                } catch (Throwable t) {
                    SafeLog.warnOnce("LlmCall end", t);
                }
            }
            instruments.streams.remove(this);
            endSpan();
        }

        @Override
        public long lastActivityNanos() {
            return lastActivityNanos;
        }

        @Override
        public void abandon(String errorType) {
            end(null, errorType);
        }

        /** Content capture: the response's messages. Never throws. */
        private void captureResponse(Object result) {
            if (content == null) {
                return;
            }
            try {
                descriptor.responseContent(result, content);
            } catch (Throwable t) {
                SafeLog.warnOnce("LlmCall response content", t);
            }
        }

        /** Content capture of a stream: one output message per choice, with the text that arrived. */
        private void captureStreamedResponse() {
            List<StringBuilder> texts = stream == null ? null : stream.texts;
            if (content == null || texts == null) {
                return;
            }
            List<String> reasons = finishReasons;
            for (int i = 0; i < texts.size(); i++) {
                if (texts.get(i) != null) {
                    content.outputMessage("assistant", reasons != null && i < reasons.size() ? reasons.get(i) : null);
                    content.text(texts.get(i).toString());
                }
            }
        }

        /**
         * Puts the response on the span and records the metrics; {@code abandoned}, when set, is the
         * {@code error.type} of a stream that was never finished (see {@link OpenStreams}).
         */
        private void finish(double seconds, Throwable failure, String abandoned) {
            if (content != null) {
                captureStreamedResponse();
                content.putResponse(span);
            }
            if (responseId != null) {
                span.setAttribute(GEN_AI_RESPONSE_ID, responseId);
            }
            if (responseModel != null) {
                span.setAttribute(GEN_AI_RESPONSE_MODEL, responseModel);
            }
            // The SDK keeps the list: generated code passes a list of its own, a user's GenAiResponse
            // a copy, and a stream's list no longer changes once it ends (but may have gaps).
            List<String> reasons = hasGaps(finishReasons) ? withoutNulls(finishReasons) : finishReasons;
            if (reasons != null && !reasons.isEmpty()) {
                span.setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, reasons);
            }
            if (present(inputTokens)) {
                span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, inputTokens);
            }
            if (present(outputTokens)) {
                span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, outputTokens);
            }
            if (present(cacheReadInputTokens)) {
                span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cacheReadInputTokens);
            }
            if (serviceTier != null) {
                span.setAttribute(OPENAI_RESPONSE_SERVICE_TIER, serviceTier);
            }
            if (systemFingerprint != null) {
                span.setAttribute(OPENAI_RESPONSE_SYSTEM_FINGERPRINT, systemFingerprint);
            }
            String errorType = failure == null ? abandoned : errorType(failure);
            if (failure != null) {
                Failures.record(span, failure, errorType, instruments.content);
            } else if (abandoned != null) {
                span.setStatus(StatusCode.ERROR, "the stream was neither read to its end nor closed");
                span.setAttribute(ERROR_TYPE, abandoned);
            }
            recordMetrics(seconds, errorType);
        }

        private String errorType(Throwable failure) {
            String errorType = null;
            try {
                errorType = descriptor.errorType(failure);
            } catch (Throwable t) {
                SafeLog.warnOnce("LlmCall error type", t);
            }
            return errorType != null ? errorType : failure.getClass().getName();
        }

        private void recordMetrics(double seconds, String errorType) {
            MetricPoints points = metricPoints(requestModel, responseModel, server);
            if (errorType != null) {
                instruments.operationDuration.record(
                        seconds, points.operation().toBuilder().put(ERROR_TYPE, errorType).build());
                return;
            }
            instruments.operationDuration.record(seconds, points.operation());
            if (present(inputTokens)) {
                instruments.tokenUsage.record(inputTokens, points.inputTokens());
            }
            if (present(outputTokens)) {
                instruments.tokenUsage.record(outputTokens, points.outputTokens());
            }
            try {
                recordCost(points.operation());
            } catch (Throwable t) {
                // A price table is configuration: a fault in it costs the estimate, nothing else.
                SafeLog.warnOnce("agent.usage.cost", t);
            }
        }

        /** {@code agent.usage.cost}, when a price table is configured and the response had usage. */
        private void recordCost(Attributes operation) {
            PriceTable prices = instruments.prices;
            if (prices.isEmpty() || (!present(inputTokens) && !present(outputTokens))) {
                return;
            }
            long input = present(inputTokens) ? inputTokens : 0;
            long output = present(outputTokens) ? outputTokens : 0;
            long cached = present(cacheReadInputTokens) ? cacheReadInputTokens : -1;
            // The response model (a dated snapshot) is priced first, else the model asked for.
            double cost = responseModel == null ? Double.NaN : prices.cost(responseModel, input, output, cached);
            if (Double.isNaN(cost)) {
                cost = prices.cost(requestModel, input, output, cached);
            }
            if (!Double.isNaN(cost)) {
                span.setAttribute(AGENT_USAGE_COST, cost);
                instruments.usageCost.add(cost, operation);
            }
        }

        // --- the response, from generated code ---

        @Override
        public void id(String id) {
            responseId = Identifiers.bound(id);
        }

        @Override
        public void model(String model) {
            responseModel = Identifiers.bound(model);
        }

        @Override
        public void finishReasons(List<String> reasons) {
            finishReasons = Identifiers.bound(reasons);
        }

        @Override
        public synchronized void finishReason(long index, String reason) {
            // A provider's index is untrusted input: a huge one must not allocate a huge list.
            if (index < 0 || index >= MAX_CHOICES || ended) {
                return;
            }
            List<String> reasons = finishReasons;
            if (reasons == null) {
                reasons = new ArrayList<>(1);
                finishReasons = reasons;
            }
            while (reasons.size() <= index) {
                reasons.add(null);
            }
            reasons.set((int) index, Identifiers.bound(reason));
        }

        @Override
        public synchronized void contentDelta(long index, String text) {
            if (content == null || text == null || index < 0 || index >= MAX_CHOICES || ended) {
                return;
            }
            if (stream == null) {
                return;
            }
            List<StringBuilder> texts = stream.texts;
            if (texts == null) {
                texts = new ArrayList<>(1);
                stream.texts = texts;
            }
            while (texts.size() <= index) {
                texts.add(null);
            }
            StringBuilder choice = texts.get((int) index);
            if (choice == null) {
                choice = new StringBuilder();
                texts.set((int) index, choice);
            }
            // Redacted whole, then cut; bounded so that a runaway stream cannot hold the heap.
            int room = MAX_STREAMED_TEXT - choice.length();
            if (room > 0) {
                choice.append(text, 0, Math.min(text.length(), room));
            }
        }

        @Override
        public void inputTokens(Long tokens) {
            inputTokens = tokens;
        }

        @Override
        public void outputTokens(Long tokens) {
            outputTokens = tokens;
        }

        @Override
        public void cacheReadInputTokens(Long tokens) {
            cacheReadInputTokens = tokens;
        }

        @Override
        public void serviceTier(String tier) {
            serviceTier = Identifiers.bound(tier);
        }

        @Override
        public void systemFingerprint(String fingerprint) {
            systemFingerprint = Identifiers.bound(fingerprint);
        }

        // --- streams ---

        @Override
        public <T> Stream<T> observe(Supplier<Stream<T>> source, Consumer<? super T> reader) {
            synchronized (this) {
                if (stream != null) {
                    // Only the first stream is the call's; a second behaves as it would unobserved.
                    return source.get();
                }
                stream = new StreamState();
            }
            Stream<T> chunks;
            try {
                chunks = source.get();
            } catch (Throwable failure) {
                end(failure);
                throw failure;
            }
            return ObservedStream.of(chunks, reader, this);
        }

        @Override
        public void closed() {
            end(null);
        }

        @Override
        public synchronized void element(long nanoTime) {
            StreamState chunks = stream;
            if (ended || chunks == null) {
                return;
            }
            lastActivityNanos = nanoTime;
            if (chunks.chunkAttributes == null) {
                double seconds = (nanoTime - startNanos) / 1e9;
                span.setAttribute(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
                chunks.chunkAttributes = metricPoints(requestModel, responseModel, server).operation();
                instruments.timeToFirstChunk.record(seconds, chunks.chunkAttributes);
            } else {
                instruments.timePerOutputChunk.record((nanoTime - chunks.lastChunkNanos) / 1e9, chunks.chunkAttributes);
            }
            chunks.lastChunkNanos = nanoTime;
        }

        @Override
        public void exhausted() {
            end(null);
        }

        @Override
        public void failed(Throwable failure) {
            end(failure);
        }
    }

    /** Streams only, so that other calls do not carry these fields. */
    private static final class StreamState {
        /** The latest chunk's time; meaningful once {@link #chunkAttributes} is set, at the first chunk. */
        long lastChunkNanos;
        /** The chunk metrics' attributes. */
        Attributes chunkAttributes;
        /** With content capture: each choice's text so far, by index, at most MAX_STREAMED_TEXT chars. */
        List<StringBuilder> texts;
    }

    /** Whether a token count was reported; a negative one (from a user's response type) counts as not. */
    private static boolean present(Long tokens) {
        return tokens != null && tokens >= 0;
    }

    /** Whether {@code reasons} has a {@code null}; {@code List.contains(null)} throws for immutable lists. */
    private static boolean hasGaps(List<String> reasons) {
        if (reasons != null) {
            for (int i = 0; i < reasons.size(); i++) {
                if (reasons.get(i) == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An immutable copy of {@code reasons} without the gaps a stream leaves for choices that sent
     * no finish reason (it was closed early).
     */
    private static List<String> withoutNulls(List<String> reasons) {
        List<String> present = new ArrayList<>(reasons.size());
        for (String reason : reasons) {
            if (reason != null) {
                present.add(reason);
            }
        }
        return List.copyOf(present);
    }

    /** The cause a future reports through {@link CompletionException} or {@link ExecutionException}. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
