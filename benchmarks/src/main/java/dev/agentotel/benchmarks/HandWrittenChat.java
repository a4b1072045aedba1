package dev.agentotel.benchmarks;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The baseline: the OpenTelemetry code a careful developer writes by hand for the same call, with
 * the same span and metric points agentotel records (checked by {@link SameTelemetry} before each
 * measurement). Keys and histograms are created once; request attributes go on the span builder so
 * that samplers see them; the span name and the metric points' attributes are kept for the last
 * pair of request and response model (models rarely change between calls); no lambdas, streams or
 * reflection.
 */
public final class HandWrittenChat {

    static final String SCOPE = "hand-written";

    static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> REQUEST_FREQUENCY_PENALTY = doubleKey("gen_ai.request.frequency_penalty");
    static final AttributeKey<Double> REQUEST_PRESENCE_PENALTY = doubleKey("gen_ai.request.presence_penalty");
    static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES = stringArrayKey("gen_ai.request.stop_sequences");
    static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");
    static final AttributeKey<Long> REQUEST_CHOICE_COUNT = longKey("gen_ai.request.choice.count");
    static final AttributeKey<String> OUTPUT_TYPE = stringKey("gen_ai.output.type");
    static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
    static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<String> SERVICE_TIER = stringKey("openai.response.service_tier");
    static final AttributeKey<String> SYSTEM_FINGERPRINT = stringKey("openai.response.system_fingerprint");
    static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    static final List<Long> TOKEN_BUCKETS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
            16777216L, 67108864L);
    static final List<Double> DURATION_BUCKETS = List.of(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    private final CannedChat client;
    private final Tracer tracer;
    private final DoubleHistogram operationDuration;
    private final LongHistogram tokenUsage;
    private Names last;

    /** What depends on the models only. Immutable: a race between threads only builds it twice. */
    private record Names(String model, String responseModel, String spanName,
            Attributes duration, Attributes inputTokens, Attributes outputTokens) {}

    public HandWrittenChat(OpenTelemetry openTelemetry, CannedChat client) {
        this.client = client;
        this.tracer = openTelemetry.getTracer(SCOPE);
        Meter meter = openTelemetry.getMeter(SCOPE);
        this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration")
                .setUnit("s")
                .setDescription("Duration of a model call.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage")
                .ofLongs()
                .setUnit("{token}")
                .setDescription("Number of input and output tokens used per model call.")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
    }

    @SuppressWarnings("deprecation") // maxTokens: older requests still set it instead of maxCompletionTokens
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        String model = params.model().asString();
        Names names = last;
        String spanName = names != null && names.model().equals(model) ? names.spanName() : "chat " + model;
        SpanBuilder builder = tracer.spanBuilder(spanName)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION_NAME, "chat")
                .setAttribute(PROVIDER_NAME, "openai")
                .setAttribute(REQUEST_MODEL, model);
        Optional<Double> temperature = params.temperature();
        if (temperature.isPresent()) {
            builder.setAttribute(REQUEST_TEMPERATURE, temperature.get());
        }
        Optional<Double> topP = params.topP();
        if (topP.isPresent()) {
            builder.setAttribute(REQUEST_TOP_P, topP.get());
        }
        Optional<Long> maxTokens = params.maxCompletionTokens();
        if (maxTokens.isEmpty()) {
            maxTokens = params.maxTokens();
        }
        if (maxTokens.isPresent()) {
            builder.setAttribute(REQUEST_MAX_TOKENS, maxTokens.get());
        }
        Optional<Double> frequencyPenalty = params.frequencyPenalty();
        if (frequencyPenalty.isPresent()) {
            builder.setAttribute(REQUEST_FREQUENCY_PENALTY, frequencyPenalty.get());
        }
        Optional<Double> presencePenalty = params.presencePenalty();
        if (presencePenalty.isPresent()) {
            builder.setAttribute(REQUEST_PRESENCE_PENALTY, presencePenalty.get());
        }
        Optional<ChatCompletionCreateParams.Stop> stop = params.stop();
        if (stop.isPresent()) {
            ChatCompletionCreateParams.Stop sequences = stop.get();
            builder.setAttribute(REQUEST_STOP_SEQUENCES,
                    sequences.isString() ? List.of(sequences.asString()) : sequences.asStrings());
        }
        Optional<Long> seed = params.seed();
        if (seed.isPresent()) {
            builder.setAttribute(REQUEST_SEED, seed.get());
        }
        Optional<Long> choiceCount = params.n();
        if (choiceCount.isPresent()) {
            builder.setAttribute(REQUEST_CHOICE_COUNT, choiceCount.get());
        }
        Optional<ChatCompletionCreateParams.ResponseFormat> responseFormat = params.responseFormat();
        if (responseFormat.isPresent()) {
            builder.setAttribute(OUTPUT_TYPE, responseFormat.get().isText() ? "text" : "json");
        }
        Span span = builder.startSpan();
        long start = System.nanoTime();
        ChatCompletion completion;
        try (Scope ignored = span.makeCurrent()) {
            completion = client.create(params);
        } catch (RuntimeException | Error failure) {
            double seconds = (System.nanoTime() - start) / 1e9;
            String errorType = failure.getClass().getName();
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ERROR_TYPE, errorType);
            span.recordException(failure);
            span.end();
            operationDuration.record(seconds, Attributes.of(
                    OPERATION_NAME, "chat", PROVIDER_NAME, "openai", REQUEST_MODEL, model, ERROR_TYPE, errorType));
            throw failure;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String responseModel = completion.model();
        span.setAttribute(RESPONSE_ID, completion.id());
        span.setAttribute(RESPONSE_MODEL, responseModel);
        List<ChatCompletion.Choice> choices = completion.choices();
        List<String> finishReasons = new ArrayList<>(choices.size());
        for (ChatCompletion.Choice choice : choices) {
            finishReasons.add(choice.finishReason().asString());
        }
        span.setAttribute(RESPONSE_FINISH_REASONS, finishReasons);
        Optional<CompletionUsage> usage = completion.usage();
        long inputTokens = -1;
        long outputTokens = -1;
        if (usage.isPresent()) {
            inputTokens = usage.get().promptTokens();
            outputTokens = usage.get().completionTokens();
            span.setAttribute(USAGE_INPUT_TOKENS, inputTokens);
            span.setAttribute(USAGE_OUTPUT_TOKENS, outputTokens);
            Optional<CompletionUsage.PromptTokensDetails> details = usage.get().promptTokensDetails();
            if (details.isPresent()) {
                Optional<Long> cached = details.get().cachedTokens();
                if (cached.isPresent()) {
                    span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, cached.get());
                }
            }
        }
        Optional<ChatCompletion.ServiceTier> serviceTier = completion.serviceTier();
        if (serviceTier.isPresent()) {
            span.setAttribute(SERVICE_TIER, serviceTier.get().asString());
        }
        Optional<String> fingerprint = completion.systemFingerprint();
        if (fingerprint.isPresent()) {
            span.setAttribute(SYSTEM_FINGERPRINT, fingerprint.get());
        }
        span.end();
        if (names == null || !names.model().equals(model) || !names.responseModel().equals(responseModel)) {
            names = new Names(model, responseModel, spanName,
                    Attributes.of(OPERATION_NAME, "chat", PROVIDER_NAME, "openai",
                            REQUEST_MODEL, model, RESPONSE_MODEL, responseModel),
                    Attributes.of(OPERATION_NAME, "chat", PROVIDER_NAME, "openai",
                            REQUEST_MODEL, model, RESPONSE_MODEL, responseModel, TOKEN_TYPE, "input"),
                    Attributes.of(OPERATION_NAME, "chat", PROVIDER_NAME, "openai",
                            REQUEST_MODEL, model, RESPONSE_MODEL, responseModel, TOKEN_TYPE, "output"));
            last = names;
        }
        operationDuration.record(seconds, names.duration());
        if (inputTokens >= 0) {
            tokenUsage.record(inputTokens, names.inputTokens());
            tokenUsage.record(outputTokens, names.outputTokens());
        }
        return completion;
    }
}
