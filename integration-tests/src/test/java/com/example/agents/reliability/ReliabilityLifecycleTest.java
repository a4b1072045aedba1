package com.example.agents.reliability;

import static com.example.agents.OpenAiWireServer.chatStream;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.example.agents.OpenAiWireServer;
import com.example.agents.OpenAiWireServer.Reply;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.agentotel.telemetry.AgentContext;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Item 5 of docs/reliability.md: runs inside runs, runs on other threads, streams nobody finishes,
 * and the installation's life cycle (installed twice, closed during runs, never installed).
 */
class ReliabilityLifecycleTest {

    private static final String MODEL = "gpt-4o-mini";
    private static final String TIMEOUT = "agentotel.llm.stream-timeout";
    /** Bound of every wait for something another thread does; a test that needs it has failed. */
    private static final long DEADLINE_SECONDS = 10;

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final NestedAgents agents = new NestedAgents();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private OpenAiWireServer server;

    /** An SDK of the test's own, exporting into {@code spans}; closed after the test. */
    private record Sdk(OpenTelemetrySdk sdk, InMemorySpanExporter spans) {}

    @BeforeEach
    void start() {
        server = OpenAiWireServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(TIMEOUT);
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        server.close();
    }

    private Sdk sdk() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
        cleanup.add(sdk);
        return new Sdk(sdk, spans);
    }

    private AgentTelemetry install(Sdk sdk) {
        AgentTelemetry installation = AgentTelemetry.install(sdk.sdk());
        cleanup.add(installation);
        return installation;
    }

    private static void print(String test, String figures) {
        System.out.println("[reliability] " + test + ": " + figures);
    }

    private static ChatCompletionCreateParams streamParams() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Say hello")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
    }

    /** The spans named {@code name} once there are {@code count}, waiting at most {@link #DEADLINE_SECONDS}. */
    private static List<SpanData> await(InMemorySpanExporter spans, String name, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        List<SpanData> named;
        do {
            named = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
            if (named.size() >= count) {
                return named;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " spans named " + name + " within " + DEADLINE_SECONDS
                + " s, got " + spans.getFinishedSpanItems());
    }

    // --- runs inside runs ---

    @Test
    void aRecursiveRunNestsEachInnerRunAsAnInternalChildOfTheIterationThatStartedIt() {
        Sdk sdk = sdk();
        install(sdk);

        assertThat(agents.recursive("s", 3)).isEqualTo("(((leaf)))");

        List<SpanData> spans = sdk.spans().getFinishedSpanItems();
        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        List<SpanData> runs = spans.stream()
                .filter(s -> s.getName().equals("invoke_agent recursive-agent"))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .collect(Collectors.toList());
        assertThat(runs).hasSize(4);
        assertThat(spans).extracting(SpanData::getTraceId).containsOnly(runs.get(0).getTraceId());
        assertThat(runs.get(0).getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(runs.get(0).getParentSpanContext().isValid()).isFalse();
        for (int depth = 1; depth < runs.size(); depth++) {
            SpanData run = runs.get(depth);
            SpanData parent = byId.get(run.getParentSpanId());
            assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(parent.getName()).isEqualTo("agent.iteration");
            assertThat(parent.getParentSpanId()).isEqualTo(runs.get(depth - 1).getSpanId());
        }
        // Each run counts its own iterations, numbered from 0, whatever the run around it did.
        assertThat(runs).allSatisfy(run -> assertThat(run.getAttributes().get(AGENT_ITERATION_COUNT)).isEqualTo(1L));
        assertThat(spans).filteredOn(s -> s.getName().equals("agent.iteration"))
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.getAttributes().get(AGENT_ITERATION_NUMBER)).isZero());
        assertThat(runs).extracting(s -> s.getAttributes().get(GEN_AI_CONVERSATION_ID))
                .containsExactly("s", "s/3", "s/3/2", "s/3/2/1");
        print("recursive runs", "depth 3: 1 trace, 4 runs (1 SERVER, 3 INTERNAL), 4 iterations numbered 0");
    }

    @Test
    void aRunOnAnotherThreadStartsItsOwnTraceUnlessTheExecutorIsWrapped() {
        Sdk sdk = sdk();
        install(sdk);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        cleanup.add(pool::shutdownNow);

        assertThat(agents.delegate("plain", pool)).isEqualTo("leaf");
        List<SpanData> plain = sdk.spans().getFinishedSpanItems();
        sdk.spans().reset();
        assertThat(agents.delegate("wrapped", AgentContext.wrap(pool))).isEqualTo("leaf");
        List<SpanData> wrapped = sdk.spans().getFinishedSpanItems();

        assertThat(plain).filteredOn(s -> s.getName().startsWith("invoke_agent"))
                .hasSize(2)
                .allSatisfy(run -> {
                    assertThat(run.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(run.getParentSpanContext().isValid()).isFalse();
                });
        assertThat(plain.stream().map(SpanData::getTraceId).distinct().count()).isEqualTo(2);
        SpanData handOver = wrapped.stream()
                .filter(s -> s.getName().equals("agent.iteration") && wrapped.stream().anyMatch(r -> r.getName().equals("invoke_agent delegating-agent")
                                && r.getSpanId().equals(s.getParentSpanId())))
                .findFirst()
                .orElseThrow();
        assertThat(wrapped).extracting(SpanData::getTraceId).containsOnly(handOver.getTraceId());
        assertThat(wrapped).filteredOn(s -> s.getName().equals("invoke_agent recursive-agent"))
                .singleElement()
                .satisfies(inner -> {
                    assertThat(inner.getKind()).isEqualTo(SpanKind.INTERNAL);
                    assertThat(inner.getParentSpanId()).isEqualTo(handOver.getSpanId());
                });
        print("run on another thread", "plain executor: 2 traces, 2 SERVER roots; AgentContext.wrap: 1 trace, "
                + "inner run INTERNAL under the iteration that submitted it");
    }

    // --- streams nobody finishes ---

    @Test
    void aStreamNobodyReadsOrClosesEndsItsSpanAfterTheTimeout() throws Exception {
        System.setProperty(TIMEOUT, "200ms");
        Sdk sdk = sdk();
        install(sdk);
        List<String> events = chatStream("chatcmpl-abandoned", MODEL + "-2024-07-18", List.of("Hel", "lo"), "stop", 9, 2, 0);
        server.enqueueChat(Reply.sse(events));
        InputAgent agent = new InputAgent(server.client());

        StreamResponse<ChatCompletionChunk> stream = agent.stream(streamParams());
        List<SpanData> ended = await(sdk.spans(), "chat " + MODEL, 1);

        assertThat(ended).singleElement().satisfies(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("timeout");
            assertThat(span.getEvents()).as("no exception: nothing failed").isEmpty();
        });
        // The caller's stream is untouched: reading it late yields every chunk, and adds no span.
        try (stream) {
            assertThat(stream.stream().count()).isEqualTo(events.size());
        }
        assertThat(sdk.spans().getFinishedSpanItems()).hasSize(1);
        assertThat(log.records()).isEmpty();
        print("stream never read (timeout 200ms)", "span ended with error.type=timeout; " + events.size()
                + " chunks read afterwards, unchanged; 1 span");
    }

    @Test
    void closingTheInstallationEndsTheSpansOfStreamsStillOpen() {
        Sdk sdk = sdk();
        AgentTelemetry installation = install(sdk);
        InputAgent agent = new InputAgent(server.client());
        List<StreamResponse<ChatCompletionChunk>> streams = new ArrayList<>();
        int open = 5;
        for (int i = 0; i < open; i++) {
            server.enqueueChat(Reply.sse(chatStream("chatcmpl-" + i, MODEL, List.of("x"), "stop", 1, 1, 0)));
            streams.add(agent.stream(streamParams()));
        }
        assertThat(sdk.spans().getFinishedSpanItems()).as("default timeout: 10 minutes").isEmpty();

        installation.close();

        assertThat(sdk.spans().getFinishedSpanItems()).hasSize(open).allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("shutdown");
        });
        for (StreamResponse<ChatCompletionChunk> stream : streams) {
            try (stream) {
                assertThat(stream.stream().count()).isEqualTo(4);
            }
        }
        assertThat(sdk.spans().getFinishedSpanItems()).hasSize(open);
        print("close() with streams open", open + " stream spans ended with error.type=shutdown; streams still readable");
    }

    // --- the installation's life cycle ---

    @Test
    void installingTwiceReplacesTheFirstInstallation() {
        Sdk first = sdk();
        Sdk second = sdk();
        AgentTelemetry firstInstallation = install(first);
        assertThat(agents.finish("one")).isEqualTo("done one");

        AgentTelemetry secondInstallation = install(second);
        assertThat(agents.finish("two")).isEqualTo("done two");
        firstInstallation.close();
        assertThat(agents.finish("three")).isEqualTo("done three");
        secondInstallation.close();
        assertThat(agents.finish("four")).isEqualTo("done four");

        assertThat(first.spans().getFinishedSpanItems()).hasSize(1);
        assertThat(second.spans().getFinishedSpanItems()).as("closing the replaced one changed nothing").hasSize(2);
        assertThat(AgentTelemetry.get()).as("closing the current one does not bring back the first")
                .isNotSameAs(first.sdk());
        print("installed twice", "first: 1 span, second: 2 spans, after both closed: none");
    }

    @Test
    void closingWhileRunsAreInFlightLetsThemFinish() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        AgentTelemetry installation = AgentTelemetry.builder()
                .defaultProperty("otel.traces.exporter", "none")
                .defaultProperty("otel.metrics.exporter", "none")
                .defaultProperty("otel.logs.exporter", "none")
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .install();
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        cleanup.add(pool::shutdownNow);
        CountDownLatch started = new CountDownLatch(runs);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String session = "run-" + i;
            results.add(pool.submit(() -> agents.waiting(session, started, release)));
        }
        assertThat(started.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();

        installation.close(); // uninstalls and shuts the SDK down while every run waits in its iteration
        release.countDown();

        for (int i = 0; i < runs; i++) {
            assertThat(results.get(i).get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("done run-" + i);
        }
        assertThat(log.records()).isEmpty();
        print("close() during runs", runs + " runs in flight all returned their results; "
                + spans.getFinishedSpanItems().size() + " spans exported after shutdown; "
                + log.records().size() + " log records");
    }

    @Test
    void beforeAnyInstallationAnnotatedMethodsRunOnTheNoopApi() {
        assumeThat(GlobalOpenTelemetry.isSet()).as("another test left a global instance").isFalse();
        FaultyAgent faulty = new FaultyAgent();

        assertThat(agents.recursive("s", 2)).isEqualTo("((leaf))");
        Object result = faulty.run("s", "q", () -> Span.current().getSpanContext().isValid());
        assertThat(result).isEqualTo(Boolean.FALSE);
        Function<Object, Object> tool = value -> faulty.passThrough("id", value, value);
        Object value = new Object();
        assertThat(tool.apply(value)).isSameAs(value);
        assertThat(AgentTelemetry.get().getTracerProvider().get("t").spanBuilder("s").startSpan().isRecording()).isFalse();
        print("before install", "3 annotated calls ran on the no-op API with their own results");
    }

    @Test
    void theStreamTimeoutReadsItsSetting() {
        Sdk sdk = sdk();
        System.setProperty(TIMEOUT, "soon");
        install(sdk);
        server.enqueueChat(Reply.sse(chatStream("chatcmpl-s", MODEL, List.of("x"), "stop", 1, 1, 0)));

        try (StreamResponse<ChatCompletionChunk> stream = new InputAgent(server.client()).stream(streamParams())) {
            assertThat(stream.stream().count()).isEqualTo(4);
        }

        assertThat(log.containing(TIMEOUT)).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("\"soon\"").contains("10m"));
        assertThat(sdk.spans().getFinishedSpanItems()).singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isEqualTo(MODEL));
    }
}
