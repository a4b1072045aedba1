package dev.agentotel.telemetry;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TailSamplingSpanProcessorTest {

    /** Spans get explicit timestamps from here on, so latency is exact and nothing sleeps. */
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final String REMOTE_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Logger agentotelLogger = Logger.getLogger("dev.agentotel");
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private boolean parentHandlers;
    private TailSamplingSpanProcessor processor;
    private SdkTracerProvider provider;

    @BeforeEach
    void captureLog() {
        parentHandlers = agentotelLogger.getUseParentHandlers();
        agentotelLogger.setUseParentHandlers(false);
        agentotelLogger.addHandler(capture);
    }

    @AfterEach
    void closeProviderAndLog() {
        if (provider != null) {
            provider.close();
        }
        agentotelLogger.removeHandler(capture);
        agentotelLogger.setUseParentHandlers(parentHandlers);
    }

    private TailSamplingSpanProcessor.Builder sampling() {
        return TailSamplingSpanProcessor.builder(SimpleSpanProcessor.create(exporter));
    }

    private Tracer tracer(TailSamplingSpanProcessor.Builder builder) {
        return tracer(builder.build());
    }

    private Tracer tracer(TailSamplingSpanProcessor built) {
        processor = built;
        provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        return provider.get("test");
    }

    private static Span start(Tracer tracer, String name, Span parent, long startMillis) {
        return tracer.spanBuilder(name)
                .setParent(Context.root().with(parent))
                .setStartTimestamp(T0 + MILLISECONDS.toNanos(startMillis), NANOSECONDS)
                .startSpan();
    }

    private static Span startRoot(Tracer tracer, String name, long startMillis) {
        return tracer.spanBuilder(name)
                .setNoParent()
                .setStartTimestamp(T0 + MILLISECONDS.toNanos(startMillis), NANOSECONDS)
                .startSpan();
    }

    private static void end(Span span, long endMillis) {
        span.end(T0 + MILLISECONDS.toNanos(endMillis), NANOSECONDS);
    }

    /** A root lasting {@code millis} with one child that ends before it. */
    private static void trace(Tracer tracer, String name, long millis) {
        Span root = startRoot(tracer, name, 0);
        end(start(tracer, name + "/child", root, 1), 2);
        end(root, millis);
    }

    private List<String> exportedNames() {
        return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }

    private List<String> warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    @Test
    void theDrawIsAFractionOfTheTraceIdsRandomBitsAlwaysBelowOne() {
        assertThat(TailSamplingSpanProcessor.traceIdFraction("4bf92f3577b34da6" + "00000000000000")).isZero();
        assertThat(TailSamplingSpanProcessor.traceIdFraction("4bf92f3577b34da6" + "80000000000000")).isEqualTo(0.5);
        assertThat(TailSamplingSpanProcessor.traceIdFraction("00000000000000ff" + "ffffffffffffff")).isLessThan(1.0)
                .isGreaterThan(0.999);
    }

    @Test
    void everyProcessorSamplingTheSameTracesKeepsTheSameOnes() {
        // Two exporters (or two services) with the default draw: one decision per trace id.
        InMemorySpanExporter other = InMemorySpanExporter.create();
        processor = sampling().ratio(0.3).build();
        provider = SdkTracerProvider.builder()
                .addSpanProcessor(processor)
                .addSpanProcessor(TailSamplingSpanProcessor.builder(SimpleSpanProcessor.create(other)).ratio(0.3).build())
                .build();
        Tracer tracer = provider.get("test");
        for (int i = 0; i < 2_000; i++) {
            trace(tracer, "run", 10);
        }

        List<String> kept = exporter.getFinishedSpanItems().stream().map(SpanData::getTraceId).toList();
        assertThat(other.getFinishedSpanItems().stream().map(SpanData::getTraceId).toList()).isEqualTo(kept);
        // Random ids, so about 30 % of 2,000 traces (each 2 spans); 5 standard deviations either side.
        assertThat(kept.size() / 2).isBetween(500, 700);
    }

    @Test
    void keepsATraceWithAnErrorOnAChildSpanThoughTheRootSucceeded() {
        Tracer tracer = tracer(sampling().ratio(0));

        Span root = startRoot(tracer, "invoke_agent demo", 0);
        Span iteration = start(tracer, "agent.iteration", root, 1);
        end(start(tracer, "execute_tool calculator", iteration, 2).setStatus(StatusCode.ERROR), 3);
        end(iteration, 4);
        end(root, 5);

        assertThat(exportedNames()).containsExactly("execute_tool calculator", "agent.iteration", "invoke_agent demo");
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(1, 0, 0, 3, 0, 0));
    }

    @Test
    void keepsATraceWhoseRootTookAtLeastTheLatencyThreshold() {
        Tracer tracer = tracer(sampling().ratio(0));

        trace(tracer, "just-under", 4_999);
        trace(tracer, "at-threshold", 5_000);

        assertThat(exportedNames()).containsExactly("at-threshold/child", "at-threshold");
        assertThat(processor.stats().keptTraces()).isEqualTo(1);
        assertThat(processor.stats().sampledOutTraces()).isEqualTo(1);
    }

    @Test
    void dropsAFastSuccessfulTraceWhenTheDrawIsAtOrAboveTheRatio() {
        Tracer tracer = tracer(sampling().ratio(0.5).randomSource(() -> 0.5));

        trace(tracer, "fast", 10);

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(0, 1, 0, 0, 2, 0));
    }

    @Test
    void keepsAFastSuccessfulTraceWhenTheDrawIsBelowTheRatio() {
        Tracer tracer = tracer(sampling().ratio(0.5).randomSource(() -> 0.4999));

        trace(tracer, "fast", 10);

        assertThat(exportedNames()).containsExactly("fast/child", "fast");
        assertThat(processor.stats().keptTraces()).isEqualTo(1);
    }

    @Test
    void ratioZeroDropsEvenTheLowestDraw() {
        Tracer tracer = tracer(sampling().ratio(0).randomSource(() -> 0.0));

        trace(tracer, "fast", 10);

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void ratioOneKeepsEvenTheHighestDraw() {
        Tracer tracer = tracer(sampling().ratio(1).randomSource(() -> Math.nextDown(1.0)));

        trace(tracer, "fast", 10);

        assertThat(exportedNames()).containsExactly("fast/child", "fast");
    }

    @Test
    void onlyTracesNoOtherPolicyKeepsDrawARandomNumber() {
        AtomicInteger draws = new AtomicInteger();
        Tracer tracer = tracer(sampling().ratio(0.5).randomSource(() -> {
            draws.incrementAndGet();
            return 0.9;
        }));

        trace(tracer, "slow", 6_000);
        end(startRoot(tracer, "failed", 0).setStatus(StatusCode.ERROR), 1);
        trace(tracer, "fast", 10);

        assertThat(draws).hasValue(1);
        assertThat(exportedNames()).containsExactly("slow/child", "slow", "failed");
    }

    @Test
    void spansEndingAfterTheDecisionFollowIt() {
        Tracer tracer = tracer(sampling().ratio(0));

        Span kept = startRoot(tracer, "kept", 0);
        Span keptLate = start(tracer, "kept/late", kept, 1);
        end(kept.setStatus(StatusCode.ERROR), 2);
        Span dropped = startRoot(tracer, "dropped", 0);
        Span droppedLate = start(tracer, "dropped/late", dropped, 1);
        end(dropped, 2);
        end(keptLate, 3);
        end(droppedLate, 3);

        assertThat(exportedNames()).containsExactly("kept", "kept/late");
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(1, 1, 0, 2, 2, 0));
    }

    @Test
    void aSpanWithARemoteParentIsALocalRootThatDecidesForTheSpansBelowIt() {
        Tracer tracer = tracer(sampling().ratio(0));
        SpanContext remote = SpanContext.createFromRemoteParent(
                REMOTE_TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

        Span server = tracer.spanBuilder("POST /ask")
                .setParent(Context.root().with(Span.wrap(remote)))
                .setStartTimestamp(T0, NANOSECONDS)
                .startSpan();
        Span run = start(tracer, "invoke_agent demo", server, 1);
        end(run, 7_000);
        assertThat(exporter.getFinishedSpanItems()).as("held until the local root ends").isEmpty();
        end(server, 7_001);

        assertThat(exporter.getFinishedSpanItems())
                .extracting(SpanData::getName, SpanData::getTraceId)
                .containsExactly(
                        tuple("invoke_agent demo", REMOTE_TRACE_ID),
                        tuple("POST /ask", REMOTE_TRACE_ID));
    }

    @Test
    void reachingMaxSpansEvictsTheOldestTraceAndDropsItsLaterSpans() {
        Tracer tracer = tracer(sampling().ratio(1).maxSpans(3));

        Span a = startRoot(tracer, "a", 0);
        end(start(tracer, "a/1", a, 1), 2);
        end(start(tracer, "a/2", a, 1), 2);
        Span b = startRoot(tracer, "b", 0);
        end(start(tracer, "b/1", b, 1), 2);
        Span c = startRoot(tracer, "c", 0);
        end(start(tracer, "c/1", c, 1), 2);
        end(a, 3);
        end(b, 3);
        end(c, 3);

        assertThat(exportedNames()).containsExactly("b/1", "b", "c/1", "c");
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(2, 0, 1, 4, 0, 3));
        assertThat(warnings()).singleElement().asString()
                .startsWith("[agentotel] ")
                .contains("agentotel.tail-sampling.max-spans=3")
                .contains("raise agentotel.tail-sampling.max-spans");
    }

    @Test
    void reachingMaxTracesEvictsTheOldestTraceAndDropsItsLaterSpans() {
        Tracer tracer = tracer(sampling().ratio(1).maxTraces(2));

        Span a = startRoot(tracer, "a", 0);
        end(start(tracer, "a/1", a, 1), 2);
        Span b = startRoot(tracer, "b", 0);
        end(start(tracer, "b/1", b, 1), 2);
        Span c = startRoot(tracer, "c", 0);
        end(start(tracer, "c/1", c, 1), 2);
        Span d = startRoot(tracer, "d", 0);
        end(start(tracer, "d/1", d, 1), 2);
        end(start(tracer, "a/2", a, 1), 3);
        end(a, 4);
        end(b, 4);
        end(c, 4);
        end(d, 4);

        assertThat(exportedNames()).containsExactly("c/1", "c", "d/1", "d");
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(2, 0, 2, 4, 0, 5));
        assertThat(warnings()).singleElement().asString().contains("agentotel.tail-sampling.max-traces=2");
    }

    @Test
    void aTraceLargerThanMaxSpansEvictsItself() {
        Tracer tracer = tracer(sampling().ratio(1).maxSpans(2));

        Span big = startRoot(tracer, "big", 0);
        for (int i = 0; i < 3; i++) {
            end(start(tracer, "big/" + i, big, 1), 2);
        }
        end(big, 3);
        trace(tracer, "small", 10);

        assertThat(exportedNames()).containsExactly("small/child", "small");
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(1, 0, 1, 2, 0, 4));
    }

    @Test
    void manyThreadsEndingWholeTracesLoseNoSpan() throws Exception {
        Tracer tracer = tracer(sampling().ratio(1));
        int threads = 8;
        int tracesPerThread = 250;
        int childrenPerTrace = 3;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                go.await();
                for (int i = 0; i < tracesPerThread; i++) {
                    Span root = startRoot(tracer, "run", 0);
                    for (int child = 0; child < childrenPerTrace; child++) {
                        end(start(tracer, "step", root, 1), 2);
                    }
                    end(root, 3);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                done.add(pool.submit(task));
            }
            go.countDown();
            for (Future<Void> each : done) {
                each.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        int spans = threads * tracesPerThread * (1 + childrenPerTrace);
        assertThat(exporter.getFinishedSpanItems()).hasSize(spans);
        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(threads * tracesPerThread, 0, 0, spans, 0, 0));
    }

    @Test
    void shutdownDropsHeldTracesLogsTheCountsAndShutsTheDelegateDown() {
        Tracer tracer = tracer(sampling().ratio(1));
        trace(tracer, "finished", 10);
        Span unfinished = startRoot(tracer, "unfinished", 0);
        end(start(tracer, "unfinished/child", unfinished, 1), 2);
        assertThat(exportedNames()).containsExactly("finished/child", "finished");

        assertThat(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        end(unfinished, 3);

        assertThat(processor.stats())
                .isEqualTo(new TailSamplingSpanProcessor.Stats(1, 0, 1, 2, 0, 1));
        assertThat(exporter.export(List.of()).isSuccess()).as("exporter shut down").isFalse();
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.INFO).singleElement()
                .extracting(LogRecord::getMessage).asString()
                .isEqualTo("[agentotel] Tail sampling kept 1 traces (2 spans), sampled out 0 (0 spans)"
                        + " and dropped 1 unfinished (1 spans).");
    }

    @Test
    void aFailingDelegateNeverReachesTheCodeThatEndsSpans() {
        List<String> received = new ArrayList<>();
        SpanProcessor failing = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
                throw new IllegalStateException("broken onStart");
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                if (received.isEmpty() && span.getName().equals("first")) {
                    received.add("threw");
                    throw new IllegalStateException("broken onEnd");
                }
                received.add(span.getName());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }

            @Override
            public CompletableResultCode shutdown() {
                throw new IllegalStateException("broken shutdown");
            }
        };
        Tracer tracer = tracer(TailSamplingSpanProcessor.builder(failing).ratio(1));

        assertThatCode(() -> {
            Span root = startRoot(tracer, "root", 0);
            end(start(tracer, "first", root, 1), 2);
            end(start(tracer, "second", root, 1), 2);
            end(root, 3);
        }).doesNotThrowAnyException();

        assertThat(received).containsExactly("threw", "second", "root");
        assertThat(processor.shutdown().isSuccess()).isFalse();
        assertThat(warnings()).singleElement().asString().startsWith("[agentotel] Tail sampling failed in onStart");
    }

    @Test
    void fromConfigLeavesTheProcessorAloneUnlessEnabled() {
        SpanProcessor export = SimpleSpanProcessor.create(exporter);

        assertThat(TailSamplingSpanProcessor.fromConfig(export, DefaultConfigProperties.createFromMap(Map.of())))
                .isSameAs(export);
        assertThat(TailSamplingSpanProcessor.fromConfig(export, DefaultConfigProperties.createFromMap(
                Map.of("agentotel.tail-sampling.enabled", "false", "agentotel.tail-sampling.ratio", "7"))))
                .isSameAs(export);
    }

    @Test
    void fromConfigAppliesEverySetting() {
        SpanProcessor built = TailSamplingSpanProcessor.fromConfig(SimpleSpanProcessor.create(exporter),
                DefaultConfigProperties.createFromMap(Map.of(
                        "agentotel.tail-sampling.enabled", "TRUE",
                        "agentotel.tail-sampling.latency-threshold", "250ms",
                        "agentotel.tail-sampling.ratio", "0",
                        "agentotel.tail-sampling.max-traces", "2",
                        "agentotel.tail-sampling.max-spans", "3")));
        assertThat(built).isInstanceOf(TailSamplingSpanProcessor.class);
        Tracer tracer = tracer((TailSamplingSpanProcessor) built);

        trace(tracer, "fast", 249);
        trace(tracer, "slow", 250);
        Span[] roots = new Span[3];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = startRoot(tracer, "open" + i, 0);
            end(start(tracer, "open" + i + "/child", roots[i], 1), 2);
        }
        end(start(tracer, "open2/more", roots[2], 1), 2);
        end(start(tracer, "open2/more", roots[2], 1), 2);

        assertThat(exportedNames()).containsExactly("slow/child", "slow");
        assertThat(processor.stats().sampledOutTraces()).isEqualTo(1);
        assertThat(processor.stats().evictedTraces()).as("one for max-traces, one for max-spans").isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({
        "agentotel.tail-sampling.enabled, yes",
        "agentotel.tail-sampling.latency-threshold, soon",
        "agentotel.tail-sampling.latency-threshold, -1s",
        "agentotel.tail-sampling.ratio, 1.5",
        "agentotel.tail-sampling.ratio, NaN",
        "agentotel.tail-sampling.ratio, ten percent",
        "agentotel.tail-sampling.max-traces, 0",
        "agentotel.tail-sampling.max-spans, -1",
        "agentotel.tail-sampling.max-spans, many",
    })
    void anInvalidSettingFailsWithAMessageNamingIt(String property, String value) {
        Map<String, String> config = new HashMap<>(Map.of("agentotel.tail-sampling.enabled", "true"));
        config.put(property, value);

        assertThatThrownBy(() -> TailSamplingSpanProcessor.fromConfig(
                        SimpleSpanProcessor.create(exporter), DefaultConfigProperties.createFromMap(config)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("[agentotel] Invalid " + property + "='" + value + "': expected ");
    }

    @Test
    void theBuilderRejectsOutOfRangeValues() {
        TailSamplingSpanProcessor.Builder builder = sampling();

        assertThatThrownBy(() -> builder.ratio(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ratio must be between 0 and 1, was -0.1");
        assertThatThrownBy(() -> builder.maxTraces(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxSpans(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.latencyThreshold(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
