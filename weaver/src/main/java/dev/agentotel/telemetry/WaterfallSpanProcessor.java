package dev.agentotel.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Renders a {@link Waterfall} of each trace once its local root span and every span started under
 * it through this processor have ended, and hands it to a sink (a console, a list). For local
 * debugging ({@code OTEL_DEBUG=true}); keeps at most {@value #MAX_TRACES} unfinished traces of at
 * most {@value #MAX_SPANS_PER_TRACE} spans each, dropping the oldest beyond that.
 *
 * <p>One instance may serve several SDKs in one process (the example agent and the retrieval
 * service it calls over HTTP): a span whose parent is remote is a local root only when that parent
 * was not started through this processor, so the callee's spans join the caller's waterfall, even
 * a server span that ends a moment after the caller's run has ended.
 *
 * <p>A trace whose root has ended while some of its spans are still open (a span that is never
 * ended) is rendered with the spans ended so far at {@link #forceFlush()} or {@link #shutdown()}.
 */
public final class WaterfallSpanProcessor implements SpanProcessor {

    static final int MAX_TRACES = 256;
    static final int MAX_SPANS_PER_TRACE = 2_000;

    private final Consumer<String> sink;
    private final Map<String, PendingTrace> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PendingTrace> eldest) {
            return size() > MAX_TRACES;
        }
    };

    /** Prints each waterfall to {@code out}. */
    public WaterfallSpanProcessor(PrintStream out) {
        this(rendered -> {
            out.print(rendered);
            out.flush();
        });
    }

    /** Hands each rendered waterfall to {@code sink}, on the thread that ended the root span. */
    public WaterfallSpanProcessor(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        synchronized (pending) {
            PendingTrace trace = pending.computeIfAbsent(span.getSpanContext().getTraceId(), k -> new PendingTrace());
            if (trace.started.size() < MAX_SPANS_PER_TRACE) {
                String spanId = span.getSpanContext().getSpanId();
                trace.started.add(spanId);
                trace.open.add(spanId);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanData data = span.toSpanData();
        List<SpanData> ended;
        synchronized (pending) {
            PendingTrace trace = pending.computeIfAbsent(data.getTraceId(), k -> new PendingTrace());
            if (trace.ended.size() < MAX_SPANS_PER_TRACE) {
                trace.ended.add(data);
            }
            trace.open.remove(data.getSpanId());
            SpanContext parent = data.getParentSpanContext();
            if (!parent.isValid() || (parent.isRemote() && !trace.started.contains(parent.getSpanId()))) {
                trace.rootEnded = true;
            }
            if (!trace.rootEnded || !trace.open.isEmpty()) {
                return;
            }
            pending.remove(data.getTraceId());
            ended = trace.ended;
        }
        sink.accept(Waterfall.render(ended));
    }

    /** Renders the traces whose root has ended though some of their spans are still open. */
    @Override
    public CompletableResultCode forceFlush() {
        List<List<SpanData>> rootEnded = new ArrayList<>();
        synchronized (pending) {
            pending.values().removeIf(trace -> trace.rootEnded && rootEnded.add(trace.ended));
        }
        rootEnded.forEach(ended -> sink.accept(Waterfall.render(ended)));
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * Renders what {@link #forceFlush()} renders. Traces whose root is still open stay pending:
     * another SDK sharing this processor may still end them.
     */
    @Override
    public CompletableResultCode shutdown() {
        return forceFlush();
    }

    /** The spans of one trace started, still open and ended so far. */
    private static final class PendingTrace {
        final Set<String> started = new HashSet<>();
        final Set<String> open = new HashSet<>();
        final List<SpanData> ended = new ArrayList<>();
        boolean rootEnded;
    }
}
