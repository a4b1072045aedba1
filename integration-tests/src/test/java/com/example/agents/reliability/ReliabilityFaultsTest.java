package com.example.agents.reliability;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USAGE_COST;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.agents.ModelGateway;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Item 3 of docs/reliability.md: faults inside telemetry (exporter, redactor, price table,
 * extractors reading the user's objects) never change what the agent's methods return or throw,
 * and each kind of fault is logged once however often it happens.
 *
 * <p>Each test fails in its own way (its own fault classes, its own places), because agentotel logs
 * a kind of fault once per JVM: a fault another test already caused would not be logged again.
 * The unbounded recursion runs last: its overflow can strike telemetry anywhere, in places the
 * other tests count.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityFaultsTest {

    private static final int CALLS = 50;
    private static final String CAPTURE = "otel.instrumentation.genai.capture-message-content";
    private static final String PRICES = "agentotel.llm.prices";

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final FaultyAgent agent = new FaultyAgent();
    private InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;
    private AgentTelemetry installation;

    @AfterEach
    void uninstall() {
        System.clearProperty(CAPTURE);
        System.clearProperty(PRICES);
        if (installation != null) {
            installation.close();
        }
        if (sdk != null) {
            sdk.close();
        }
    }

    /** Installs an SDK exporting to {@link #spans} and to {@code exporter}, through {@code builder}. */
    private void install(AgentTelemetry.Builder builder, SpanExporter exporter) {
        // New each time: closing an SDK shuts its exporters down.
        spans = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        installation = builder.install(sdk);
    }

    private void install(AgentTelemetry.Builder builder) {
        install(builder, InMemorySpanExporter.create());
    }

    /** A run with one tool call whose result is the run's result; checks it comes back on this thread. */
    private Object runWithTool(CharSequence sessionId, Object argument, Object result) {
        Thread caller = Thread.currentThread();
        return agent.run(sessionId, "query", () -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return agent.passThrough("call-1", argument, result);
        });
    }

    private static void print(String test, String figures) {
        System.out.println("[reliability] " + test + ": " + figures);
    }

    @Test
    void anExporterThatThrowsNeverReachesTheAgent() {
        AtomicInteger exports = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        install(AgentTelemetry.builder(), new FailingExporter(exports, () -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new ExporterError();
            }
            throw new ExporterFault();
        }));

        for (int i = 0; i < CALLS; i++) {
            Object result = new Object();
            assertThat(runWithTool("session", "argument", result)).isSameAs(result);
        }
        RuntimeException own = new IllegalStateException("the agent's own");
        assertThat(catchThrowable(() -> agent.rethrow(own))).isSameAs(own);

        // The SDK's span processors catch what exporters throw, Errors included, and log it on
        // the SDK's logger: nothing reaches agentotel, let alone the agent.
        assertThat(log.records()).isEmpty();
        assertThat(exports.get()).isEqualTo(3 * CALLS + 1);
        assertThat(spans.getFinishedSpanItems()).hasSize(3 * CALLS + 1);
        print("exporter throwing exceptions and Errors", CALLS + " runs + 1 failing tool call, " + exports.get()
                + " exports failed, 0 agentotel log records");
    }

    @Test
    void aSpanProcessorThatThrowsAnErrorIsLoggedOncePerSpanKindAndNeverReachesTheAgent() {
        AtomicInteger ends = new AtomicInteger();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .addSpanProcessor(new SpanProcessor() {
                            @Override
                            public void onStart(Context parentContext, ReadWriteSpan span) {}

                            @Override
                            public boolean isStartRequired() {
                                return false;
                            }

                            @Override
                            public void onEnd(ReadableSpan span) {
                                ends.incrementAndGet();
                                throw new ProcessorError();
                            }

                            @Override
                            public boolean isEndRequired() {
                                return true;
                            }
                        })
                        .build())
                .build();
        installation = AgentTelemetry.install(sdk);

        for (int i = 0; i < CALLS; i++) {
            Object result = new Object();
            assertThat(runWithTool("session", "argument", result)).isSameAs(result);
        }
        RuntimeException own = new IllegalStateException("the agent's own");
        assertThat(catchThrowable(() -> agent.rethrow(own))).isSameAs(own);

        List<LogRecord> logged = log.thrown(ProcessorError.class);
        // Once per place a span ends: run, iteration, tool (the failing tool call is a tool too).
        assertThat(logged).hasSize(3);
        assertThat(logged).extracting(LogRecord::getMessage).doesNotHaveDuplicates();
        assertThat(ends.get()).isEqualTo(3 * CALLS + 1);
        assertThat(spans.getFinishedSpanItems()).hasSize(3 * CALLS + 1);
        assertThat(Span.current().getSpanContext().isValid()).as("no scope leaked").isFalse();
        print("span processor throwing an Error at span end", CALLS + " runs + 1 failing tool call, " + ends.get()
                + " failed span ends, " + logged.size() + " log records:\n" + log.summary());
    }

    @Test
    void aRedactorThatThrowsDropsTheTextAndIsLoggedOnce() {
        System.setProperty(CAPTURE, "true");
        install(AgentTelemetry.builder().addRedactor(text -> {
            throw new RedactorFault();
        }));

        for (int i = 0; i < CALLS; i++) {
            Object result = new Object();
            assertThat(runWithTool("session", "secret argument", result)).isSameAs(result);
            RuntimeException own = new IllegalArgumentException("message with a secret");
            assertThat(catchThrowable(() -> agent.rethrow(own))).isSameAs(own);
        }

        assertThat(log.thrown(RedactorFault.class)).hasSize(1);
        List<SpanData> tools = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("execute_tool pass_through"))
                .collect(Collectors.toList());
        assertThat(tools).hasSize(CALLS).allSatisfy(s -> assertThat(s.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS))
                .isEqualTo("{\"argument\":\"[REDACTED]\",\"result\":\"[REDACTED]\"}"));
        assertThat(spans.getFinishedSpanItems().toString()).doesNotContain("secret");
        print("redactor throwing", CALLS + " runs and " + CALLS + " failing tool calls, texts dropped as [REDACTED], "
                + log.thrown(RedactorFault.class).size() + " log record");
    }

    @Test
    void aPriceTableThatThrowsCostsOnlyTheEstimateAndIsLoggedOnce() throws ReflectiveOperationException {
        System.setProperty(PRICES, "house-model = 1.00, 2.00");
        install(AgentTelemetry.builder());
        ModelGateway gateway = new ModelGateway(null, null);
        gateway.house("warm-up: builds the price table from the setting");
        assertThat(spans.getFinishedSpanItems()).singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(AGENT_USAGE_COST)).isNotNull());
        breakPriceTable();

        for (int i = 0; i < CALLS; i++) {
            assertThat(gateway.house("q" + i)).isEqualTo(new ModelGateway.HouseAnswer("42", "house-model-v2", 12, 3));
        }

        assertThat(log.thrown(PriceFault.class)).hasSize(1);
        List<SpanData> calls = spans.getFinishedSpanItems().subList(1, CALLS + 1);
        assertThat(calls).allSatisfy(s -> {
            assertThat(s.getAttributes().get(AGENT_USAGE_COST)).isNull();
            assertThat(s.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(12L);
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
        print("price table throwing an Error", CALLS + " LLM calls, no agent.usage.cost, "
                + log.thrown(PriceFault.class).size() + " log record");
    }

    @Test
    void aMalformedPriceConfigurationIsLoggedOnceAndIgnored() {
        System.setProperty(PRICES, "house-model = cheap, 2.00");
        ModelGateway gateway = new ModelGateway(null, null);
        List<SpanData> recorded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Each installation reads the setting again.
            install(AgentTelemetry.builder());
            for (int j = 0; j < CALLS; j++) {
                assertThat(gateway.house("q")).isEqualTo(new ModelGateway.HouseAnswer("42", "house-model-v2", 12, 3));
            }
            recorded.addAll(spans.getFinishedSpanItems());
            installation.close();
            sdk.close();
        }

        assertThat(log.containing("price table was not loaded")).hasSize(1)
                .allSatisfy(r -> assertThat(r.getMessage()).contains("cheap"));
        assertThat(recorded).hasSize(3 * CALLS)
                .allSatisfy(s -> assertThat(s.getAttributes().get(AGENT_USAGE_COST)).isNull());
        print("malformed price setting", "3 installations x " + CALLS + " LLM calls, "
                + log.containing("price table was not loaded").size() + " log record");
    }

    @Test
    void recursiveToStringOfIdsArgumentsAndResultsIsCaughtAndLoggedOncePerPlace() {
        System.setProperty(CAPTURE, "true");
        install(AgentTelemetry.builder());

        for (int i = 0; i < CALLS; i++) {
            Recursive result = new Recursive();
            Thread caller = Thread.currentThread();
            Object returned = agent.run(new RecursiveText(), "query", () -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                return agent.passThrough(new RecursiveText(), new Recursive(), result);
            });
            assertThat(returned).isSameAs(result);
        }

        List<LogRecord> toolOverflows = log.matching(r -> r.getThrown() instanceof StackOverflowError
                && r.getMessage().contains("Tool"));
        // The tool call id, and the tool's argument and result (one place: their text).
        assertThat(toolOverflows).hasSize(2);
        assertThat(toolOverflows).extracting(LogRecord::getMessage).doesNotHaveDuplicates();
        // WeavingTest overflows a session id too, so this JVM may have logged it already.
        assertThat(log.containing("AgentRun session id")).hasSizeLessThanOrEqualTo(1);
        assertThat(spans.getFinishedSpanItems()).hasSize(3 * CALLS)
                .allSatisfy(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getName().startsWith("invoke_agent"))
                .hasSize(CALLS)
                .allSatisfy(s -> assertThat(s.getAttributes().get(GEN_AI_CONVERSATION_ID)).isNull());
        print("recursive toString (StackOverflowError)", CALLS + " runs, " + 4 * CALLS + " overflows in telemetry, "
                + log.thrown(StackOverflowError.class).size() + " log records:\n" + log.summary());
    }

    @Test
    void gettersThatThrowAreCaughtAndLoggedOncePerKind() {
        install(AgentTelemetry.builder());

        for (int i = 0; i < CALLS; i++) {
            FaultyResponse throwing = FaultyResponse.throwing(GetterFault::new);
            assertThat(agent.answer(throwing)).isSameAs(throwing);
            FaultyResponse failing = FaultyResponse.failingWith(new GetterError());
            assertThat(agent.answer(failing)).isSameAs(failing);
            CharSequence answer = new BrokenText();
            assertThat(agent.answerWith(answer)).isSameAs(answer);
            List<String> results = new BrokenList();
            assertThat(agent.listResults(results)).isSameAs(results);
        }

        assertThat(log.thrown(GetterFault.class)).hasSize(1);
        assertThat(log.thrown(GetterError.class)).hasSize(1);
        assertThat(log.thrown(LengthFault.class)).hasSize(1);
        assertThat(log.thrown(SizeFault.class)).hasSize(1);
        // Every span still ended: 2 LLM calls, a run and a tool per round.
        assertThat(spans.getFinishedSpanItems()).hasSize(4 * CALLS);
        print("throwing getters", CALLS + " rounds of 4 faulty values, " + log.records().size() + " log records:\n"
                + log.summary());
    }

    @Test
    void theAgentsOwnThrowablesPassThroughAsTheSameInstance() {
        install(AgentTelemetry.builder());
        List<Throwable> own = List.of(new IOException("checked"), new IllegalStateException("unchecked"),
                new AssertionError("an Error"), new StackOverflowError("the agent's own overflow"),
                new OutOfMemoryError("the agent's own"));

        for (int i = 0; i < CALLS; i++) {
            for (Throwable failure : own) {
                assertThat(catchThrowable(() -> agent.rethrow(failure))).isSameAs(failure);
            }
        }

        assertThat(spans.getFinishedSpanItems()).hasSize(own.size() * CALLS)
                .allSatisfy(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
        assertThat(log.records()).isEmpty();
        print("the agent's own throwables", own.size() * CALLS + " rethrown as the same instance, 0 log records");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aStackOverflowInTheAgentsRecursionReachesItsCallerAndLeavesTheContextClean() {
        install(AgentTelemetry.builder());

        for (int i = 0; i < 3; i++) {
            Throwable thrown = catchThrowable(() -> agent.recurse(0));
            assertThat(thrown).isInstanceOf(StackOverflowError.class);
        }

        assertThat(Context.current()).as("every scope closed on the way up").isSameAs(Context.root());
        int ended = spans.getFinishedSpanItems().size();
        spans.reset();
        Object result = new Object();
        assertThat(runWithTool("after", "argument", result)).isSameAs(result);
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getName().startsWith("invoke_agent"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.getParentSpanContext().isValid()).as("a new root").isFalse();
                    assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                });
        print("unbounded recursion in a @Tool", "3 StackOverflowErrors reached the caller, " + ended
                + " recurse spans ended, " + log.records().size() + " log records");
    }

    /** Replaces the installed price table's entries with a map whose lookups fail. */
    private static void breakPriceTable() throws ReflectiveOperationException {
        Class<?> state = Class.forName("dev.agentotel.internal.TelemetryState");
        Object instruments = field(state, "instruments").get(null);
        Object prices = field(instruments.getClass(), "prices").get(instruments);
        field(prices.getClass(), "prices").set(prices, new AbstractMap<Object, Object>() {
            @Override
            public Object get(Object key) {
                throw new PriceFault();
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                throw new PriceFault();
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        });
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static final class FailingExporter implements SpanExporter {

        private final AtomicInteger exports;
        private final Runnable fault;

        FailingExporter(AtomicInteger exports, Runnable fault) {
            this.exports = exports;
            this.fault = fault;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exports.incrementAndGet();
            fault.run();
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** An object whose {@code toString} recurses until the stack overflows. */
    private static final class Recursive {
        private final Object self = this;

        @Override
        public String toString() {
            return "Recursive(" + self + ")";
        }
    }

    /** Text whose {@code toString} recurses until the stack overflows. */
    private static final class RecursiveText implements CharSequence {
        @Override
        public int length() {
            return toString().length();
        }

        @Override
        public char charAt(int index) {
            return toString().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }

        @Override
        public String toString() {
            return "text " + this;
        }
    }

    /** A final answer whose length cannot be read. */
    private static final class BrokenText implements CharSequence {
        @Override
        public int length() {
            throw new LengthFault();
        }

        @Override
        public char charAt(int index) {
            throw new LengthFault();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new LengthFault();
        }

        @Override
        public String toString() {
            return "broken";
        }
    }

    /** Tool results that cannot be counted. */
    private static final class BrokenList extends AbstractList<String> {
        @Override
        public String get(int index) {
            throw new SizeFault();
        }

        @Override
        public int size() {
            throw new SizeFault();
        }
    }

    private static final class ExporterError extends Error {}

    private static final class ProcessorError extends Error {}

    private static final class ExporterFault extends RuntimeException {}

    private static final class RedactorFault extends RuntimeException {}

    private static final class PriceFault extends Error {}

    private static final class GetterFault extends RuntimeException {}

    private static final class GetterError extends Error {}

    private static final class LengthFault extends RuntimeException {}

    private static final class SizeFault extends RuntimeException {}
}
