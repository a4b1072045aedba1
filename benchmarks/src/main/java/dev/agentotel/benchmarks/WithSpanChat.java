package dev.agentotel.benchmarks;

import static dev.agentotel.benchmarks.HandWrittenChat.RESPONSE_FINISH_REASONS;
import static dev.agentotel.benchmarks.HandWrittenChat.RESPONSE_ID;
import static dev.agentotel.benchmarks.HandWrittenChat.RESPONSE_MODEL;
import static dev.agentotel.benchmarks.HandWrittenChat.SERVICE_TIER;
import static dev.agentotel.benchmarks.HandWrittenChat.SYSTEM_FINGERPRINT;
import static dev.agentotel.benchmarks.HandWrittenChat.USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.agentotel.benchmarks.HandWrittenChat.USAGE_INPUT_TOKENS;
import static dev.agentotel.benchmarks.HandWrittenChat.USAGE_OUTPUT_TOKENS;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The same call for the OpenTelemetry Java agent: {@code @WithSpan}, with the request attributes
 * as {@code @SpanAttribute} parameters (read from the request by the caller, the only way the
 * agent can see them) and the response attributes set on {@code Span.current()}, so that its span
 * carries the attributes agentotel records. The agent cannot name the span after the model
 * ({@code @WithSpan} takes a constant) and records no GenAI metrics.
 */
public class WithSpanChat {

    private final CannedChat client;

    public WithSpanChat(CannedChat client) {
        this.client = client;
    }

    @SuppressWarnings("deprecation") // maxTokens, as HandWrittenChat
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        Optional<Long> maxTokens = params.maxCompletionTokens();
        if (maxTokens.isEmpty()) {
            maxTokens = params.maxTokens();
        }
        Optional<ChatCompletionCreateParams.Stop> stop = params.stop();
        List<String> stopSequences = stop.isEmpty() ? null
                : stop.get().isString() ? List.of(stop.get().asString()) : stop.get().asStrings();
        Optional<ChatCompletionCreateParams.ResponseFormat> format = params.responseFormat();
        String outputType = format.isEmpty() ? null : format.get().isText() ? "text" : "json";
        return chat(params, "chat", "openai", params.model().asString(),
                params.temperature().orElse(null), params.topP().orElse(null), maxTokens.orElse(null),
                params.frequencyPenalty().orElse(null), params.presencePenalty().orElse(null), stopSequences,
                params.seed().orElse(null), params.n().orElse(null), outputType);
    }

    @SuppressWarnings("deprecation") // systemFingerprint, as HandWrittenChat
    @WithSpan(value = "chat", kind = SpanKind.CLIENT)
    ChatCompletion chat(
            ChatCompletionCreateParams params,
            @SpanAttribute("gen_ai.operation.name") String operation,
            @SpanAttribute("gen_ai.provider.name") String provider,
            @SpanAttribute("gen_ai.request.model") String model,
            @SpanAttribute("gen_ai.request.temperature") Double temperature,
            @SpanAttribute("gen_ai.request.top_p") Double topP,
            @SpanAttribute("gen_ai.request.max_tokens") Long maxTokens,
            @SpanAttribute("gen_ai.request.frequency_penalty") Double frequencyPenalty,
            @SpanAttribute("gen_ai.request.presence_penalty") Double presencePenalty,
            @SpanAttribute("gen_ai.request.stop_sequences") List<String> stopSequences,
            @SpanAttribute("gen_ai.request.seed") Long seed,
            @SpanAttribute("gen_ai.request.choice.count") Long choiceCount,
            @SpanAttribute("gen_ai.output.type") String outputType) {
        ChatCompletion completion = client.create(params);
        Span span = Span.current();
        span.setAttribute(RESPONSE_ID, completion.id());
        span.setAttribute(RESPONSE_MODEL, completion.model());
        List<ChatCompletion.Choice> choices = completion.choices();
        List<String> finishReasons = new ArrayList<>(choices.size());
        for (ChatCompletion.Choice choice : choices) {
            finishReasons.add(choice.finishReason().asString());
        }
        span.setAttribute(RESPONSE_FINISH_REASONS, finishReasons);
        Optional<CompletionUsage> usage = completion.usage();
        if (usage.isPresent()) {
            span.setAttribute(USAGE_INPUT_TOKENS, usage.get().promptTokens());
            span.setAttribute(USAGE_OUTPUT_TOKENS, usage.get().completionTokens());
            Optional<CompletionUsage.PromptTokensDetails> details = usage.get().promptTokensDetails();
            if (details.isPresent() && details.get().cachedTokens().isPresent()) {
                span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, details.get().cachedTokens().get());
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
        return completion;
    }

    /** The agent's floor: a {@code @WithSpan} span with no attributes of ours. */
    @WithSpan(value = "chat", kind = SpanKind.CLIENT)
    public ChatCompletion spanOnly(ChatCompletionCreateParams params) {
        return client.create(params);
    }

    /** Whether an agent made the span of a {@code @WithSpan} method: the benchmark fails fast without one. */
    @WithSpan("probe")
    public boolean agentAttached() {
        Span span = Span.current();
        return span.getSpanContext().isValid() && span.isRecording();
    }
}
