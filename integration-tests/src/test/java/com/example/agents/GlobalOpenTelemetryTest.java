package com.example.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without agentotel's bootstrap, woven code records into whatever the application set as global. */
class GlobalOpenTelemetryTest {

    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void withNothingSetUpTheMethodRunsAndTheGlobalStaysFreeForTheApplication() {
        String answer = new LoopAgent(0).run("s", "q");

        assertThat(answer).isEqualTo("done after 1");
        assertThat(AgentTelemetry.get().getTracerProvider().get("x").spanBuilder("x").startSpan().isRecording())
                .isFalse();
        // Woven code must not have called GlobalOpenTelemetry.get(), which would pin the no-op instance.
        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }

    @Test
    void spansGoToTheGlobalInstanceOnceTheApplicationSetsIt() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        new LoopAgent(0).run("before", "q");
        GlobalOpenTelemetry.set(sdk);

        String answer = new LoopAgent(0).run("after", "q");

        assertThat(answer).isEqualTo("done after 1");
        assertThat(exporter.getFinishedSpanItems())
                .extracting(SpanData::getName)
                .containsExactlyInAnyOrder("agent.iteration", "invoke_agent loop-agent");
        sdk.close();
    }
}
