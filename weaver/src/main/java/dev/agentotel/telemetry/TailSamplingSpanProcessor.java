package dev.agentotel.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tail sampling in the process, for teams that export straight to a backend without an
 * OpenTelemetry Collector: holds each trace's spans until its local root span ends, then hands the
 * whole trace to the delegate (normally the exporter's batch span processor) or drops it.
 *
 * <p>A trace is kept when any of its spans has status {@code ERROR}, when its local root took at
 * least the latency threshold (default 5 s), or else with the configured probability (default
 * 10 %). The local root is the trace's top span in this process: one without a parent or with a
 * remote parent. The decision is made for every local root alike, whether it is an
 * {@code invoke_agent} run or, say, an HTTP server span that calls an agent, so a run nested in a
 * request is kept or dropped with its request. Spans that end after the decision (work the root
 * did not wait for) follow it; the last 4,096 decisions are remembered for that.
 *
 * <p>Memory is bounded: at most {@code maxTraces} unfinished traces and {@code maxSpans} spans are
 * held. When one more would not fit, the oldest held trace is dropped whole, its id remembered so
 * that its later spans are dropped too rather than held again; the first such eviction is logged
 * with the setting to raise. Spans still held at {@link #shutdown()} are dropped the same way.
 * {@link #stats()} counts every outcome, and shutdown logs them in one line.
 *
 * <p>With {@link AgentTelemetry#install()} it is switched on by
 * {@code agentotel.tail-sampling.enabled=true} (or {@code AGENTOTEL_TAIL_SAMPLING_ENABLED=true})
 * and wraps each exporter configured by {@code otel.traces.exporter}; span processors added with
 * {@link AgentTelemetry.Builder#addSpanProcessor} and the {@code OTEL_DEBUG} output still see
 * every span. The probability draw is a function of the trace id, so every wrapped exporter (and
 * every service sampling this way) keeps the same fast, successful traces.
 *
 * <p>A telemetry failure never reaches the code that ended the span: it is logged once.
 */
public final class TailSamplingSpanProcessor implements SpanProcessor {

    static final String ENABLED_PROPERTY = "agentotel.tail-sampling.enabled";
    static final String LATENCY_THRESHOLD_PROPERTY = "agentotel.tail-sampling.latency-threshold";
    static final String RATIO_PROPERTY = "agentotel.tail-sampling.ratio";
    static final String MAX_TRACES_PROPERTY = "agentotel.tail-sampling.max-traces";
    static final String MAX_SPANS_PROPERTY = "agentotel.tail-sampling.max-spans";

    static final Duration DEFAULT_LATENCY_THRESHOLD = Duration.ofSeconds(5);
    static final double DEFAULT_RATIO = 0.10;
    static final int DEFAULT_MAX_TRACES = 1_024;
    static final int DEFAULT_MAX_SPANS = 16_384;
    /** Decisions remembered for spans that end after their root; a trace id and an enum each. */
    static final int MAX_DECISIONS = 4_096;

    private static final Logger LOGGER = Logger.getLogger("dev.agentotel");

    private enum Decision { KEEP, SAMPLE_OUT, EVICT }

    /** The spans of one unfinished trace, in end order, and whether any of them failed. */
    private static final class HeldTrace {
        final List<ReadableSpan> spans = new ArrayList<>();
        boolean error;
    }

    private final SpanProcessor delegate;
    private final boolean delegateStartRequired;
    private final boolean delegateEndRequired;
    private final long latencyThresholdNanos;
    private final double ratio;
    private final int maxTraces;
    private final int maxSpans;
    /** The probability policy's draw for a trace id, in [0, 1). */
    private final ToDoubleFunction<String> draw;

    // A lock rather than synchronized: a virtual thread blocked on a monitor pins its carrier on
    // the JDKs before 24, and agents may fan tool calls out on virtual threads.
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock. Insertion order makes the first entry the oldest trace, the one to evict.
    private final LinkedHashMap<String, HeldTrace> held = new LinkedHashMap<>();
    private final Map<String, Decision> decisions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
            return size() > MAX_DECISIONS;
        }
    };
    private int heldSpans;
    private long keptTraces;
    private long sampledOutTraces;
    private long evictedTraces;
    private long exportedSpans;
    private long sampledOutSpans;
    private long evictedSpans;
    private boolean evictionReported;
    private boolean shutDown;

    // Set under the lock, logged after it is released, so that no span waits on a log handler.
    private final AtomicReference<String> evictionNotice = new AtomicReference<>();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicBoolean summaryLogged = new AtomicBoolean();

    private TailSamplingSpanProcessor(Builder builder) {
        this.delegate = builder.delegate;
        this.delegateStartRequired = delegate.isStartRequired();
        this.delegateEndRequired = delegate.isEndRequired();
        this.latencyThresholdNanos = saturatedNanos(builder.latencyThreshold);
        this.ratio = builder.ratio;
        this.maxTraces = builder.maxTraces;
        this.maxSpans = builder.maxSpans;
        this.draw = builder.draw;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException beyond292Years) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The probability policy's draw: the top 53 of the trace id's last 56 bits (random in a W3C
     * trace id) as a fraction of 2^53, which a double holds exactly, so the draw stays below 1. A function of the trace, not a fresh random number, so
     * every exporter wrapped here, and every service sampling its part of the trace the same way,
     * keeps the same fast, successful traces, as the SDK's TraceIdRatioBased sampler does.
     */
    static double traceIdFraction(String traceId) {
        long bits = Long.parseUnsignedLong(traceId.substring(traceId.length() - 14), 16);
        return (bits >>> 3) * 0x1.0p-53;
    }

    /** A builder for a processor that hands the traces it keeps to {@code delegate}. */
    public static Builder builder(SpanProcessor delegate) {
        return new Builder(Objects.requireNonNull(delegate, "delegate"));
    }

    /**
     * {@code processor} wrapped as the {@code agentotel.tail-sampling.*} settings in
     * {@code config} say, or {@code processor} itself when tail sampling is not enabled; the
     * autoconfiguration span processor customizer of {@link AgentTelemetry#install()}.
     *
     * @throws ConfigurationException when a setting is malformed or out of range, naming it, so
     *     that start-up fails like it does for a bad {@code otel.*} setting
     */
    static SpanProcessor fromConfig(SpanProcessor processor, ConfigProperties config) {
        if (!enabled(config)) {
            return processor;
        }
        Builder builder = builder(processor);
        setting(config, LATENCY_THRESHOLD_PROPERTY, "a duration of zero or more, such as 5s or 500ms",
                () -> builder.latencyThreshold(config.getDuration(LATENCY_THRESHOLD_PROPERTY, DEFAULT_LATENCY_THRESHOLD)));
        setting(config, RATIO_PROPERTY, "a number from 0 to 1, such as 0.1",
                () -> builder.ratio(config.getDouble(RATIO_PROPERTY, DEFAULT_RATIO)));
        setting(config, MAX_TRACES_PROPERTY, "a whole number of at least 1",
                () -> builder.maxTraces(config.getInt(MAX_TRACES_PROPERTY, DEFAULT_MAX_TRACES)));
        setting(config, MAX_SPANS_PROPERTY, "a whole number of at least 1",
                () -> builder.maxSpans(config.getInt(MAX_SPANS_PROPERTY, DEFAULT_MAX_SPANS)));
        return builder.build();
    }

    private static boolean enabled(ConfigProperties config) {
        String value = config.getString(ENABLED_PROPERTY);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        // Stricter than getBoolean, which reads any typo as false and would silently export everything.
        throw invalid(config, ENABLED_PROPERTY, "true or false", null);
    }

    /** Runs {@code apply}, turning a malformed or out-of-range value into one message naming the setting. */
    private static void setting(ConfigProperties config, String property, String expected, Runnable apply) {
        try {
            apply.run();
        } catch (ConfigurationException | IllegalArgumentException e) {
            throw invalid(config, property, expected, e);
        }
    }

    private static ConfigurationException invalid(ConfigProperties config, String property, String expected,
            Throwable cause) {
        String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        String message = "[agentotel] Invalid " + property + "='" + config.getString(property) + "': expected "
                + expected + ". Tail sampling cannot start with it; correct the system property " + property
                + " or the environment variable " + variable + ".";
        return cause == null ? new ConfigurationException(message) : new ConfigurationException(message, cause);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (!delegateStartRequired) {
            return;
        }
        try {
            delegate.onStart(parentContext, span);
        } catch (Throwable failure) {
            failed("onStart", failure);
        }
    }

    @Override
    public boolean isStartRequired() {
        return delegateStartRequired;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        List<ReadableSpan> export;
        try {
            export = accept(span);
        } catch (Throwable failure) {
            failed("onEnd", failure);
            return;
        }
        if (evictionNotice.get() != null) {
            logEviction();
        }
        if (!delegateEndRequired) {
            return;
        }
        for (int i = 0; i < export.size(); i++) {
            try {
                delegate.onEnd(export.get(i));
            } catch (Throwable failure) {
                // One failing span must not cost the rest of the trace.
                failed("onEnd", failure);
            }
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Records {@code span} and returns the spans to hand to the delegate now, in end order. */
    private List<ReadableSpan> accept(ReadableSpan span) {
        SpanContext parent = span.getParentSpanContext();
        boolean localRoot = !parent.isValid() || parent.isRemote();
        // ReadableSpan has no status getter; the snapshot is read once, before taking the lock.
        boolean error = span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
        String traceId = span.getSpanContext().getTraceId();
        lock.lock();
        try {
            if (shutDown) {
                return List.of();
            }
            Decision decided = decisions.get(traceId);
            if (decided != null) {
                return follow(decided, span);
            }
            if (localRoot) {
                return decide(traceId, span, error);
            }
            hold(traceId, span, error);
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private List<ReadableSpan> follow(Decision decision, ReadableSpan span) {
        switch (decision) {
            case KEEP -> {
                exportedSpans++;
                return List.of(span);
            }
            case SAMPLE_OUT -> sampledOutSpans++;
            case EVICT -> evictedSpans++;
        }
        return List.of();
    }

    private List<ReadableSpan> decide(String traceId, ReadableSpan root, boolean rootError) {
        HeldTrace trace = held.remove(traceId);
        List<ReadableSpan> spans;
        boolean error = rootError;
        if (trace == null) {
            spans = List.of(root);
        } else {
            heldSpans -= trace.spans.size();
            error |= trace.error;
            spans = trace.spans;
            spans.add(root);
        }
        // The draw comes last so that only traces no other policy keeps consume one.
        boolean keep = error || root.getLatencyNanos() >= latencyThresholdNanos || draw.applyAsDouble(traceId) < ratio;
        decisions.put(traceId, keep ? Decision.KEEP : Decision.SAMPLE_OUT);
        if (keep) {
            keptTraces++;
            exportedSpans += spans.size();
            return spans;
        }
        sampledOutTraces++;
        sampledOutSpans += spans.size();
        return List.of();
    }

    private void hold(String traceId, ReadableSpan span, boolean error) {
        HeldTrace trace = held.get(traceId);
        if (trace == null) {
            while (held.size() >= maxTraces) {
                evictOldest(MAX_TRACES_PROPERTY, maxTraces);
            }
            trace = new HeldTrace();
            held.put(traceId, trace);
        }
        while (heldSpans >= maxSpans) {
            if (evictOldest(MAX_SPANS_PROPERTY, maxSpans) == trace) {
                // This trace was the oldest: it is gone, and the span follows it.
                evictedSpans++;
                return;
            }
        }
        trace.spans.add(span);
        trace.error |= error;
        heldSpans++;
    }

    private HeldTrace evictOldest(String limitProperty, int limit) {
        Iterator<Map.Entry<String, HeldTrace>> oldest = held.entrySet().iterator();
        Map.Entry<String, HeldTrace> entry = oldest.next();
        oldest.remove();
        HeldTrace trace = entry.getValue();
        int spans = trace.spans.size();
        heldSpans -= spans;
        evictedTraces++;
        evictedSpans += spans;
        // Remembered so that the rest of the trace is dropped on arrival instead of held again.
        decisions.put(entry.getKey(), Decision.EVICT);
        if (!evictionReported) {
            evictionReported = true;
            evictionNotice.set("Tail sampling dropped an unfinished trace because " + limitProperty + "=" + limit
                    + " was reached. Its spans were not exported, whatever the outcome of the run; raise "
                    + limitProperty + " if traces run long or many run at once. This is logged once;"
                    + " the count of dropped traces is logged at shutdown.");
        }
        return trace;
    }

    private void logEviction() {
        String notice = evictionNotice.getAndSet(null);
        if (notice != null) {
            log(Level.WARNING, notice, null);
        }
    }

    private void failed(String where, Throwable failure) {
        if (failureLogged.compareAndSet(false, true)) {
            log(Level.WARNING, "Tail sampling failed in " + where
                    + "; the instrumented code was not affected, but spans may be missing. This is logged once.",
                    failure);
        }
    }

    private static void log(Level level, String message, Throwable failure) {
        try {
            LOGGER.log(level, "[agentotel] " + message, failure);
        } catch (Throwable ignored) {
            // A broken log handler: nothing more can be done safely.
        }
    }

    /** What this processor has done with the spans it received so far. */
    public Stats stats() {
        lock.lock();
        try {
            return new Stats(keptTraces, sampledOutTraces, evictedTraces, exportedSpans, sampledOutSpans, evictedSpans);
        } finally {
            lock.unlock();
        }
    }

    /** Forwards to the delegate; unfinished traces stay held, as their decision is not made yet. */
    @Override
    public CompletableResultCode forceFlush() {
        try {
            return delegate.forceFlush();
        } catch (Throwable failure) {
            failed("forceFlush", failure);
            return CompletableResultCode.ofFailure();
        }
    }

    /**
     * Drops (and counts as evicted) the traces still held, logs the counts once and shuts the
     * delegate down.
     */
    @Override
    public CompletableResultCode shutdown() {
        lock.lock();
        try {
            if (!shutDown) {
                shutDown = true;
                for (HeldTrace trace : held.values()) {
                    evictedTraces++;
                    evictedSpans += trace.spans.size();
                }
                held.clear();
                heldSpans = 0;
            }
        } finally {
            lock.unlock();
        }
        if (summaryLogged.compareAndSet(false, true)) {
            Stats stats = stats();
            log(Level.INFO, "Tail sampling kept " + stats.keptTraces() + " traces (" + stats.exportedSpans()
                    + " spans), sampled out " + stats.sampledOutTraces() + " (" + stats.sampledOutSpans()
                    + " spans) and dropped " + stats.evictedTraces() + " unfinished (" + stats.evictedSpans()
                    + " spans).", null);
        }
        try {
            return delegate.shutdown();
        } catch (Throwable failure) {
            failed("shutdown", failure);
            return CompletableResultCode.ofFailure();
        }
    }

    /**
     * Counts since start. Every span that ended is exported, sampled out, evicted or still held.
     *
     * @param keptTraces traces kept by a policy (error, latency or probability)
     * @param sampledOutTraces traces no policy kept
     * @param evictedTraces traces dropped before their root ended: pushed out by
     *     {@code maxTraces}/{@code maxSpans}, or still held at shutdown
     * @param exportedSpans spans handed to the delegate
     * @param sampledOutSpans spans of sampled-out traces, including those that ended after the decision
     * @param evictedSpans spans of evicted traces, including those that ended after the eviction
     */
    public record Stats(long keptTraces, long sampledOutTraces, long evictedTraces, long exportedSpans,
            long sampledOutSpans, long evictedSpans) {}

    /** Configures a {@link TailSamplingSpanProcessor}; every setting has a default. */
    public static final class Builder {

        private final SpanProcessor delegate;
        private Duration latencyThreshold = DEFAULT_LATENCY_THRESHOLD;
        private double ratio = DEFAULT_RATIO;
        private int maxTraces = DEFAULT_MAX_TRACES;
        private int maxSpans = DEFAULT_MAX_SPANS;
        private ToDoubleFunction<String> draw = TailSamplingSpanProcessor::traceIdFraction;

        private Builder(SpanProcessor delegate) {
            this.delegate = delegate;
        }

        /** Keeps every trace whose local root took at least {@code threshold}; default 5 s. */
        public Builder latencyThreshold(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("latency threshold must be zero or more, was " + threshold);
            }
            this.latencyThreshold = threshold;
            return this;
        }

        /**
         * Keeps this fraction of the traces no other policy keeps, from 0 (none) to 1 (all);
         * default 0.1.
         */
        public Builder ratio(double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("ratio must be between 0 and 1, was " + ratio);
            }
            this.ratio = ratio;
            return this;
        }

        /** Most unfinished traces held at once; default 1024. */
        public Builder maxTraces(int maxTraces) {
            if (maxTraces < 1) {
                throw new IllegalArgumentException("maxTraces must be at least 1, was " + maxTraces);
            }
            this.maxTraces = maxTraces;
            return this;
        }

        /** Most spans of unfinished traces held at once, across all traces; default 16384. */
        public Builder maxSpans(int maxSpans) {
            if (maxSpans < 1) {
                throw new IllegalArgumentException("maxSpans must be at least 1, was " + maxSpans);
            }
            this.maxSpans = maxSpans;
            return this;
        }

        /** Replaces the trace-id draw of the probability policy (values in [0, 1)), for tests. */
        Builder randomSource(DoubleSupplier random) {
            Objects.requireNonNull(random, "random");
            this.draw = traceId -> random.getAsDouble();
            return this;
        }

        public TailSamplingSpanProcessor build() {
            return new TailSamplingSpanProcessor(this);
        }
    }
}
