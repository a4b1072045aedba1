package com.example.agents.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.telemetry.AgentContext;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP endpoint is down for the whole of {@value #RUNS} agent runs, in three ways: connections
 * refused, a collector that accepts and never answers, HTTP 503. Telemetry is installed the way a
 * user installs it ({@link AgentTelemetry#install()}, the real OTLP/HTTP exporter, settings as
 * {@code -Dotel.*} properties), and the agent's answers, exceptions, threads and heap are compared
 * with the same runs without telemetry.
 *
 * <p>Settings: exporter timeout {@value #EXPORT_TIMEOUT_MS} ms (60 s for the hanging collector, so
 * one export stays stuck for the whole of the runs), schedule delay 50 ms, default queue
 * ({@value #QUEUE}), batches of {@value #BATCH}. Latency per run is printed, never asserted:
 * {@code ExporterDownBenchmark} measures it.
 */
class ExporterDownTest {

    static final int RUNS = 1_000;
    static final int QUEUE = 2_048;
    static final int BATCH = 128;
    static final int EXPORT_TIMEOUT_MS = 200;

    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final String PROCESSED = "otel.sdk.processor.span.processed";
    private static final String EXPORTED = "otel.sdk.exporter.span.exported";
    /** The batch span processor's report of drops, e.g. "BatchSpanProcessor dropped 3074 span(s) since the last export ...". */
    private static final Pattern DROP_LOG = Pattern.compile("dropped (\\d+) span\\(s\\)");

    private static AgentRuns.Outcome withoutTelemetry;

    private final List<LogRecord> sdkLog = new ArrayList<>();
    private final Logger otelLogger = Logger.getLogger("io.opentelemetry");
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (sdkLog) {
                    sdkLog.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Map<String, String> properties = new LinkedHashMap<>();
    private ExecutorService runPool;
    private ExecutorService toolPool;
    private LoadAgent agent;

    @BeforeAll
    static void runWithoutTelemetry() throws InterruptedException {
        assertThat(AgentTelemetry.get().getTracer("probe").spanBuilder("probe").startSpan().getSpanContext().isValid())
                .as("no telemetry installed for the reference runs").isFalse();
        ExecutorService runPool = AgentRuns.pool("run", 4);
        ExecutorService tools = AgentContext.wrap(AgentRuns.pool("tool", 4));
        try {
            LoadAgent agent = new LoadAgent(new StubModel(), tools, (id, baggage) -> {});
            AgentRuns.run(agent, RUNS, runPool); // warm-up, so that the latencies printed compare like with like
            withoutTelemetry = AgentRuns.run(agent, RUNS, runPool);
        } finally {
            AgentRuns.shutDown(runPool);
            AgentRuns.shutDown(tools);
        }
        assertThat(withoutTelemetry.failures()).isEmpty();
        assertThat(withoutTelemetry.answers()).isEqualTo(AgentRuns.expectedAnswers(RUNS));
    }

    @AfterAll
    static void forget() {
        withoutTelemetry = null;
    }

    @BeforeEach
    void setUp() {
        otelLogger.addHandler(logCapture);
        runPool = AgentRuns.pool("run", 4);
        toolPool = AgentContext.wrap(AgentRuns.pool("tool", 4));
        agent = new LoadAgent(new StubModel(), toolPool, (id, baggage) -> {});
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        otelLogger.removeHandler(logCapture);
        properties.keySet().forEach(System::clearProperty);
        ExportProbe.stop();
        AgentRuns.shutDown(runPool);
        AgentRuns.shutDown(toolPool);
    }

    @Test
    void connectionRefused() throws Exception {
        try (DeadCollector collector = DeadCollector.refusing()) {
            Report report = runAgainst("refused", collector, EXPORT_TIMEOUT_MS, () -> {});
            assertThat(report.exportedOk).as("spans the collector accepted").isZero();
            assertThat(report.exportFailures).isEqualTo(report.exportCalls);
        }
    }

    @Test
    void http503() throws Exception {
        try (DeadCollector collector = DeadCollector.unavailable()) {
            Report report = runAgainst("http-503", collector, EXPORT_TIMEOUT_MS, () -> {});
            assertThat(report.exportedOk).isZero();
            assertThat(report.exportFailures).isEqualTo(report.exportCalls);
            assertThat(collector.requests.get()).as("requests that reached the collector").isPositive();
        }
    }

    @Test
    void collectorAcceptsAndNeverAnswers() throws Exception {
        try (DeadCollector.Hanging collector = DeadCollector.hanging()) {
            Report report = runAgainst("never-answers", collector, 60_000, () -> {
                // Every run has returned, and the exporter is still waiting for its first answer.
                assertThat(collector.responses.get()).as("answers sent while the runs ran").isZero();
                assertThat(collector.requests.get()).as("requests the collector holds").isPositive();
                assertThat(probe.exportCalls.get()).as("exports started while the runs ran").isOne();
                assertThat(probe.exportsInFlight.get()).as("exports stuck when the last run returned").isOne();
                collector.recover();
            });
            // The queue overflowed while the one export was stuck: user threads dropped spans instead of waiting.
            assertThat(report.dropped).isPositive();
            // Once the collector answers, what is still queued is delivered.
            assertThat(report.exportedOk).isEqualTo(report.attempted);
        }
    }

    private ExportProbe probe;

    /** Figures of one scenario, printed and partly asserted by the caller. */
    private record Report(long ended, long attempted, long dropped, long exportedOk, int exportCalls,
            int exportFailures) {}

    private Report runAgainst(String scenario, DeadCollector collector, int exportTimeoutMs, Runnable whileDown)
            throws Exception {
        property("otel.service.name", "exporter-down-test");
        property("otel.exporter.otlp.endpoint", collector.endpoint());
        property("otel.exporter.otlp.timeout", Integer.toString(exportTimeoutMs));
        property("otel.bsp.export.timeout", Integer.toString(Math.max(exportTimeoutMs, 30_000)));
        property("otel.bsp.schedule.delay", "50");
        property("otel.bsp.max.queue.size", Integer.toString(QUEUE));
        property("otel.bsp.max.export.batch.size", Integer.toString(BATCH));
        property("otel.metrics.exporter", "none");
        property("otel.logs.exporter", "none");
        property("otel.experimental.sdk.telemetry.version", "latest");
        probe = ExportProbe.start();
        SpanTracker tracker = new SpanTracker();
        ExporterThreads exporterThreads = new ExporterThreads();

        double heapBefore = AgentRuns.usedHeapMiBAfterGc();
        AgentRuns.Outcome outcome;
        long heldWhileDown;
        double heapWhileDown;
        AgentTelemetry telemetry = AgentTelemetry.builder().addSpanProcessor(tracker).install();
        try {
            exporterThreads.start();
            outcome = AgentRuns.run(agent, RUNS, runPool);
            heldWhileDown = tracker.heldAfterGc(QUEUE + BATCH);
            heapWhileDown = AgentRuns.usedHeapMiBAfterGc();
            whileDown.run();
            OpenTelemetrySdk sdk = (OpenTelemetrySdk) telemetry.openTelemetry();
            sdk.getSdkTracerProvider().forceFlush().join(60, TimeUnit.SECONDS);
        } finally {
            exporterThreads.stop();
        }
        long ended = tracker.ended();
        long dropped = probe.counter(PROCESSED, a -> "queue_full".equals(a.get(ERROR_TYPE)));
        long attempted = probe.counter(PROCESSED, a -> a.get(ERROR_TYPE) == null);
        long exportedOk = probe.counter(EXPORTED, a -> a.get(ERROR_TYPE) == null);
        long exportedFailed = probe.counter(EXPORTED, a -> a.get(ERROR_TYPE) != null);
        Set<String> failureTypes = new TreeSet<>();
        probe.metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(EXPORTED))
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .map(p -> p.getAttributes().get(ERROR_TYPE)).filter(t -> t != null).forEach(failureTypes::add);
        telemetry.close();
        List<String> log;
        synchronized (sdkLog) {
            log = sdkLog.stream().map(r -> new SimpleFormatter().formatMessage(r)).toList();
        }
        List<String> exportFailureLog = log.stream().filter(m -> !DROP_LOG.matcher(m).find()).toList();
        long droppedInLog = log.stream().map(DROP_LOG::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        long dropLines = log.size() - exportFailureLog.size();

        System.out.printf("[reliability] exporter-down/%s: %d runs, %d spans ended, %d handed to the exporter in %d"
                        + " exports (%d failed; failures by error.type %s: %d spans), %d exported, %d dropped (queue_full),"
                        + " SDK log: %d lines on export failures, %d lines reporting %d drops; per run %.1f µs without telemetry, %.1f µs with; spans held after"
                        + " the runs %d (limit %d); heap after GC %.1f MiB before, %.1f MiB after the runs;"
                        + " threads in the exporter: %s%n",
                scenario, RUNS, ended, attempted, probe.exportCalls.get(), probe.exportsFailed.get(), failureTypes,
                exportedFailed, exportedOk, dropped, exportFailureLog.size(), dropLines, droppedInLog, withoutTelemetry.microsPerRun(),
                outcome.microsPerRun(), heldWhileDown, QUEUE + BATCH, heapBefore, heapWhileDown,
                new TreeSet<>(exporterThreads.names));

        // What user code saw is what it sees without telemetry.
        assertThat(outcome.failures()).as("exceptions that reached user code").isEmpty();
        assertThat(outcome.answers()).isEqualTo(withoutTelemetry.answers());
        // No user thread ever called into the exporter: only the batch processor's worker exports.
        assertThat(probe.exportThreads).isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith("BatchSpanProcessor_WorkerThread"));
        assertThat(exporterThreads.names).isNotEmpty()
                .noneSatisfy(name -> assertThat(name).startsWith(AgentRuns.USER_THREAD_PREFIX))
                .doesNotContain(Thread.currentThread().getName());
        // Bounded: nothing holds more spans than the queue plus the batch being exported.
        assertThat(heldWhileDown).isLessThanOrEqualTo(QUEUE + BATCH);
        // Every span is accounted for, once: handed to the exporter or counted as dropped.
        assertThat(ended).isEqualTo((long) RUNS * LoadAgent.SPANS_PER_RUN);
        assertThat(dropped + attempted).isEqualTo(ended);
        assertThat(exportedOk + exportedFailed).isEqualTo(attempted);
        // Export failures are logged through the SDK's ThrottlingLogger: 5 a minute, then a notice and one a minute,
        // i.e. at most 7 lines within a minute, not one per export, let alone per span.
        assertThat(exportFailureLog).as("SDK log on export failures").hasSizeLessThanOrEqualTo(7);
        if (probe.exportsFailed.get() > 7) {
            assertThat(exportFailureLog).hasSizeLessThan(probe.exportsFailed.get());
        }
        // Drops are reported as totals, at most once per export, and the totals add up to the counter.
        assertThat(dropLines).isLessThanOrEqualTo(probe.exportCalls.get());
        assertThat(droppedInLog).isEqualTo(dropped);
        return new Report(ended, attempted, dropped, exportedOk, probe.exportCalls.get(), probe.exportsFailed.get());
    }

    private void property(String key, String value) {
        properties.put(key, value);
        System.setProperty(key, value);
    }

    /** Samples every thread's stack and keeps the names of those found inside the exporter or its HTTP sender. */
    private static final class ExporterThreads {

        final Set<String> names = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;
        private final Thread sampler = new Thread(this::sample, "exporter-thread-sampler");

        void start() {
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        private void sample() {
            while (running) {
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    for (StackTraceElement frame : stack) {
                        if (frame.getClassName().startsWith("io.opentelemetry.exporter.")) {
                            names.add(thread.getName());
                            return;
                        }
                    }
                });
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
