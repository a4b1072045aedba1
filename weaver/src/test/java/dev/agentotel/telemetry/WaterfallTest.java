package dev.agentotel.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaterfallTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .addSpanProcessor(new WaterfallSpanProcessor(new PrintStream(printed, true, StandardCharsets.UTF_8)))
            .build();
    private final Tracer tracer = provider.get("test");

    private void recordRun() {
        Span run = tracer.spanBuilder("invoke_agent demo").setSpanKind(SpanKind.SERVER)
                .setAttribute(GenAiAttributes.AGENT_ITERATION_COUNT, 1L).startSpan();
        try (Scope ignored = run.makeCurrent()) {
            Span iteration = tracer.spanBuilder("agent.iteration")
                    .setAttribute(GenAiAttributes.AGENT_ITERATION_NUMBER, 0L).startSpan();
            try (Scope alsoIgnored = iteration.makeCurrent()) {
                tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT)
                        .setAttribute(GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS, 52L)
                        .setAttribute(GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, 18L)
                        .setAttribute(GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("tool_calls"))
                        .startSpan().end();
                tracer.spanBuilder("execute_tool calculator")
                        .setAttribute(GenAiAttributes.ERROR_TYPE, "java.lang.ArithmeticException")
                        .startSpan().setStatus(StatusCode.ERROR).end();
            } finally {
                iteration.end();
            }
        } finally {
            run.end();
        }
    }

    @Test
    void rendersTheTreeWithKindsTokensFinishReasonsAndErrors() {
        recordRun();

        String[] lines = Waterfall.render(exporter.getFinishedSpanItems()).split("\n");

        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("trace ").endsWith(" · 1 iteration · 52 in / 18 out tokens");
        assertThat(lines[1]).startsWith("invoke_agent demo").contains("SERVER");
        assertThat(lines[2]).startsWith("└─ agent.iteration #0").contains("INTERNAL");
        assertThat(lines[3]).startsWith("   ├─ chat gpt-4o").contains("CLIENT", "52→18 tokens · tool_calls");
        assertThat(lines[4]).startsWith("   └─ execute_tool calculator").contains("ERROR java.lang.ArithmeticException");
        assertThat(lines[1]).matches(".*\\[█{32}\\].*");
    }

    @Test
    void processorPrintsEachTraceOnceWhenItsRootEnds() {
        recordRun();
        String afterFirst = printed.toString(StandardCharsets.UTF_8);
        recordRun();

        assertThat(afterFirst).isEqualTo(Waterfall.render(exporter.getFinishedSpanItems().subList(0, 4)));
        assertThat(printed.toString(StandardCharsets.UTF_8).split("\n")).hasSize(10);
    }

    @Test
    void aServiceSharingTheProcessorJoinsTheCallersWaterfallWithItsName() {
        WaterfallSpanProcessor shared = new WaterfallSpanProcessor(new PrintStream(printed, true, StandardCharsets.UTF_8));
        SdkTracerProvider agentSdk = SdkTracerProvider.builder().addSpanProcessor(shared)
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(GenAiAttributes.SERVICE_NAME, "agent"))))
                .build();
        SdkTracerProvider serviceSdk = SdkTracerProvider.builder().addSpanProcessor(shared)
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(GenAiAttributes.SERVICE_NAME, "search"))))
                .build();

        Span run = agentSdk.get("agent").spanBuilder("invoke_agent demo").startSpan();
        try (Scope ignored = run.makeCurrent()) {
            Span client = agentSdk.get("agent").spanBuilder("POST").setSpanKind(SpanKind.CLIENT).startSpan();
            // What the service extracts from the traceparent header: the client span, remote.
            SpanContext remote = SpanContext.createFromRemoteParent(client.getSpanContext().getTraceId(),
                    client.getSpanContext().getSpanId(), client.getSpanContext().getTraceFlags(), TraceState.getDefault());
            serviceSdk.get("search").spanBuilder("POST /search").setSpanKind(SpanKind.SERVER)
                    .setParent(Context.root().with(Span.wrap(remote))).startSpan().end();
            String beforeTheRootEnded = printed.toString(StandardCharsets.UTF_8);
            client.end();
            assertThat(beforeTheRootEnded).isEmpty();
        } finally {
            run.end();
        }

        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[2]).startsWith("└─ POST ").doesNotContain("agent");
        assertThat(lines[3]).startsWith("   └─ POST /search").contains("SERVER").endsWith("search");
    }

    @Test
    void aServerSpanEndingAfterTheCallersRootStillJoinsTheCallersWaterfall() {
        WaterfallSpanProcessor shared = new WaterfallSpanProcessor(new PrintStream(printed, true, StandardCharsets.UTF_8));
        SdkTracerProvider agentSdk = SdkTracerProvider.builder().addSpanProcessor(shared).build();
        SdkTracerProvider serviceSdk = SdkTracerProvider.builder().addSpanProcessor(shared).build();

        Span run = agentSdk.get("agent").spanBuilder("invoke_agent demo")
                .setAttribute(GenAiAttributes.AGENT_ITERATION_COUNT, 1L).startSpan();
        Span server;
        try (Scope ignored = run.makeCurrent()) {
            Span client = agentSdk.get("agent").spanBuilder("POST").setSpanKind(SpanKind.CLIENT).startSpan();
            SpanContext remote = SpanContext.createFromRemoteParent(client.getSpanContext().getTraceId(),
                    client.getSpanContext().getSpanId(), client.getSpanContext().getTraceFlags(), TraceState.getDefault());
            server = serviceSdk.get("search").spanBuilder("POST /search").setSpanKind(SpanKind.SERVER)
                    .setParent(Context.root().with(Span.wrap(remote))).startSpan();
            // The response has reached the client, whose span ends; the server thread lags behind.
            client.end();
        } finally {
            run.end();
        }
        String beforeTheServerSpanEnded = printed.toString(StandardCharsets.UTF_8);
        server.end();

        assertThat(beforeTheServerSpanEnded).isEmpty();
        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("trace ").endsWith(" · 1 iteration");
        assertThat(lines[3]).startsWith("   └─ POST /search");
    }

    @Test
    void aTraceWithASpanThatNeverEndsIsRenderedAtFlushWithTheSpansThatEnded() {
        Span run = tracer.spanBuilder("invoke_agent demo").startSpan();
        try (Scope ignored = run.makeCurrent()) {
            tracer.spanBuilder("chat gpt-4o (stream never consumed)").startSpan();
            tracer.spanBuilder("execute_tool calculator").startSpan().end();
        } finally {
            run.end();
        }
        String beforeTheFlush = printed.toString(StandardCharsets.UTF_8);

        provider.forceFlush().join(1, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(beforeTheFlush).isEmpty();
        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("invoke_agent demo");
        assertThat(lines[2]).startsWith("└─ execute_tool calculator");
        provider.shutdown().join(1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(printed.toString(StandardCharsets.UTF_8).split("\n")).hasSize(3);
    }

    @Test
    void aRemoteParentFromAnotherProcessMakesALocalRoot() {
        SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
        tracer.spanBuilder("POST /search").setSpanKind(SpanKind.SERVER)
                .setParent(Context.root().with(Span.wrap(remote))).startSpan().end();

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("trace 0af7651916cd43dd8448eb211c80319c")
                .contains("POST /search");
    }
}
