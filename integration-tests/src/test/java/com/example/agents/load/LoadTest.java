package com.example.agents.load;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.telemetry.AgentContext;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many agent runs at once, each with its iterations, LLM call and parallel tool calls on an
 * {@link AgentContext}-wrapped executor: every span lands in its own run's trace under the right
 * parent, and every tool sees its own run's session baggage.
 *
 * <p>{@value #DEFAULT_RUNS} runs by default; {@code -Dagentotel.reliability.runs=10000} (or
 * {@code mvn verify -Preliability-load}) raises the count. Runs and tools run on virtual threads on
 * JDK 21+ (all runs started together behind a gate), on pools of platform threads on JDK 17.
 */
class LoadTest {

    static final int DEFAULT_RUNS = 1_000;
    static final int RUNS = Integer.getInteger("agentotel.reliability.runs", DEFAULT_RUNS);
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Map<String, String> baggageSeen = new ConcurrentHashMap<>();
    private ExecutorService runPool;
    private ExecutorService toolPool;
    private String threads;

    @BeforeEach
    void pools() throws Throwable {
        ExecutorService virtual = virtualThreadsIfAvailable();
        if (virtual != null) {
            runPool = virtual;
            toolPool = AgentContext.wrap(virtualThreadsIfAvailable());
            threads = "virtual threads";
        } else {
            runPool = AgentRuns.pool("run", 64);
            toolPool = AgentContext.wrap(AgentRuns.pool("tool", 16));
            threads = "64 platform threads (runs) + 16 (tools)";
        }
    }

    @AfterEach
    void stopPools() throws InterruptedException {
        AgentRuns.shutDown(runPool);
        AgentRuns.shutDown(toolPool);
    }

    @Test
    void everySpanIsInItsOwnRunsTraceUnderTheRightParent() throws Exception {
        int expectedSpans = RUNS * LoadAgent.SPANS_PER_RUN;
        Load load = runWith(expectedSpans, 512);

        assertThat(load.outcome.failures()).isEmpty();
        assertThat(load.outcome.answers()).isEqualTo(AgentRuns.expectedAnswers(RUNS));
        List<SpanData> finished = load.finished();
        System.out.printf("[reliability] load/queue-%d: %d runs on %s, %.0f runs/s, %d spans exported of %d expected,"
                        + " %d dropped%n",
                expectedSpans, RUNS, threads, load.runsPerSecond(), finished.size(), expectedSpans, load.dropped);
        assertThat(load.dropped).isZero();
        assertThat(finished).hasSize(expectedSpans);
        assertEveryTraceIsOneWholeRun(finished);
        // No lost context: each tool saw its own run's session in the baggage, on whatever thread it ran.
        assertThat(baggageSeen).hasSize(RUNS * LoadAgent.ITERATIONS * LoadAgent.TOOLS);
        baggageSeen.forEach((callId, session) -> assertThat(callId).startsWith(session + "-"));
    }

    @Test
    void withTheDefaultQueueEverySpanIsExportedOrCountedAsDropped() throws Exception {
        int expectedSpans = RUNS * LoadAgent.SPANS_PER_RUN;
        Load load = runWith(2048, 512);

        assertThat(load.outcome.failures()).isEmpty();
        assertThat(load.outcome.answers()).isEqualTo(AgentRuns.expectedAnswers(RUNS));
        int exported = load.finished().size();
        System.out.printf("[reliability] load/queue-2048: %d runs on %s, %.0f runs/s, %d spans exported of %d expected,"
                        + " %d dropped (otel.sdk.processor.span.processed, error.type=queue_full)%n",
                RUNS, threads, load.runsPerSecond(), exported, expectedSpans, load.dropped);
        assertThat(exported + load.dropped).isEqualTo(expectedSpans);
        assertThat(load.handedOver).isEqualTo(exported);
    }

    /** What one load run gave: the user-visible outcome and the processor's own counts. */
    private record Load(AgentRuns.Outcome outcome, List<SpanData> finished, long dropped, long handedOver) {

        double runsPerSecond() {
            return outcome.answers().size() / (outcome.nanos() / 1e9);
        }
    }

    private Load runWith(int queueSize, int batchSize) throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader sdkMetrics = InMemoryMetricReader.create();
        SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(sdkMetrics).build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(spans)
                                .setMaxQueueSize(queueSize)
                                .setMaxExportBatchSize(batchSize)
                                .setScheduleDelay(Duration.ofMillis(50))
                                .setMeterProvider(meters)
                                .setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
                                .build())
                        .build())
                .setMeterProvider(meters)
                .build();
        LoadAgent agent = new LoadAgent(new StubModel(), toolPool, baggageSeen::put);
        AgentRuns.Outcome outcome;
        try (AgentTelemetry installed = AgentTelemetry.install(sdk)) {
            outcome = AgentRuns.run(agent, RUNS, runPool);
            assertThat(sdk.getSdkTracerProvider().forceFlush().join(60, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        long dropped = sum(sdkMetrics, a -> "queue_full".equals(a.get(ERROR_TYPE)));
        long handedOver = sum(sdkMetrics, a -> a.get(ERROR_TYPE) == null);
        List<SpanData> finished = spans.getFinishedSpanItems(); // before close: shutting the exporter down clears it
        sdk.close();
        return new Load(outcome, finished, dropped, handedOver);
    }

    private static long sum(InMemoryMetricReader reader, Predicate<io.opentelemetry.api.common.Attributes> filter) {
        return reader.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("otel.sdk.processor.span.processed"))
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .filter(p -> filter.test(p.getAttributes()))
                .mapToLong(LongPointData::getValue)
                .sum();
    }

    private static void assertEveryTraceIsOneWholeRun(List<SpanData> spans) {
        Map<String, List<SpanData>> traces = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
        assertThat(traces).hasSize(RUNS);
        Set<String> sessions = new HashSet<>();
        traces.values().forEach(trace -> {
            assertThat(trace).hasSize(LoadAgent.SPANS_PER_RUN);
            Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
            List<SpanData> roots = trace.stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
            assertThat(roots).singleElement().satisfies(root -> assertThat(root.getName()).isEqualTo("invoke_agent load-agent"));
            SpanData root = roots.get(0);
            String session = root.getAttributes().get(GEN_AI_CONVERSATION_ID);
            assertThat(sessions.add(session)).as("one trace per session: %s", session).isTrue();
            String input = AgentRuns.input(Integer.parseInt(session.substring("session-".length())));
            for (SpanData span : trace) {
                if (span == root) {
                    continue;
                }
                SpanData parent = byId.get(span.getParentSpanContext().getSpanId());
                assertThat(parent).as("parent of %s in its own trace", span.getName()).isNotNull();
                switch (span.getName()) {
                    case "agent.iteration" -> assertThat(parent).isSameAs(root);
                    case "chat gpt-4o-mini" -> {
                        assertThat(parent.getName()).isEqualTo("agent.iteration");
                        assertThat(span.getAttributes().get(GEN_AI_RESPONSE_ID))
                                .isEqualTo("chatcmpl-" + input + "#" + parent.getAttributes().get(AGENT_ITERATION_NUMBER));
                    }
                    case "execute_tool lookup" -> {
                        assertThat(parent.getName()).isEqualTo("agent.iteration");
                        assertThat(span.getAttributes().get(GEN_AI_TOOL_CALL_ID))
                                .startsWith(session + "-" + parent.getAttributes().get(AGENT_ITERATION_NUMBER) + "-");
                    }
                    default -> throw new AssertionError("unexpected span " + span);
                }
            }
            assertThat(trace).filteredOn(s -> s.getName().equals("agent.iteration"))
                    .extracting(s -> s.getAttributes().get(AGENT_ITERATION_NUMBER)).containsExactlyInAnyOrder(0L, 1L);
        });
    }

    private static ExecutorService virtualThreadsIfAvailable() throws Throwable {
        try {
            // Compiled for Java 17, so the Java 21 factory is looked up rather than called directly.
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
