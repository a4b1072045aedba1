package dev.agentotel.internal;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.generated.LlmCallTelemetry;
import dev.agentotel.generated.LlmRequest;
import dev.agentotel.generated.LlmResponse;
import dev.agentotel.generated.ToolTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime without weaving: what the aspect does, driven by hand. */
class InvocationTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final Instruments instruments = new Instruments(sdk, ContentPolicy.Extensions.NONE);

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void spanIsCurrentDuringTheCallAndTheContextIsRestoredAfterwards() {
        Context before = Context.current();
        Invocation invocation = MethodPlans.planFor(new ToolTelemetry("t", "") {}).start(instruments, new Object[0]);

        Span during = Span.current();
        invocation.succeed(null);

        assertThat(during.getSpanContext().isValid()).isTrue();
        assertThat(Context.current()).isSameAs(before);
        assertThat(exporter.getFinishedSpanItems()).singleElement()
                .satisfies(s -> assertThat(s.getSpanId()).isEqualTo(during.getSpanContext().getSpanId()));
    }

    @Test
    void anExtractorThatThrowsStillEndsTheSpanAndRestoresTheContext() {
        LlmCallTelemetry<Object> broken = new LlmCallTelemetry<>("chat", "openai", "m") {
            @Override
            public void request(Object[] args, LlmRequest request) {
                throw new IllegalStateException("bad request extractor");
            }

            @Override
            public void response(Object result, LlmResponse response) {
                response.inputTokens(5L);
                throw new StackOverflowError("recursive toString");
            }
        };
        Context before = Context.current();

        Invocation invocation = MethodPlans.planFor(broken).start(instruments, new Object[] {"x"});
        invocation.succeed("result");

        assertThat(Context.current()).isSameAs(before);
        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span).hasName("chat m").hasEnded();
        assertThat(span).hasStatusSatisfying(s -> s.hasCode(StatusCode.UNSET));
    }

    @Test
    void errorTypeFromTheDescriptorWinsOverTheClassName() {
        LlmCallTelemetry<Object> withStatus = new LlmCallTelemetry<>("chat", "openai", "m") {
            @Override
            public String errorType(Throwable error) {
                return "503";
            }
        };
        Invocation invocation = MethodPlans.planFor(withStatus).start(instruments, new Object[0]);

        invocation.fail(new RuntimeException("unavailable"));

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR));
        assertThat(span.getAttributes().get(dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE)).isEqualTo("503");
    }

    @Test
    void noOpApiRecordsNothingSoTheAspectStepsAside() {
        assertThat(new Instruments(io.opentelemetry.api.OpenTelemetry.noop(), ContentPolicy.Extensions.NONE).recording).isFalse();
        assertThat(instruments.recording).isTrue();
    }
}
