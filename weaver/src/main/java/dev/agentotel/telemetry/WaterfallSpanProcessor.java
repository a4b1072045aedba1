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
 * Renders a {@link Waterfall} of each trace when its local root span ends and hands it to a sink
 * (a console, a list). For local debugging ({@code OTEL_DEBUG=true}); keeps at most
 * {@value #MAX_TRACES} unfinished traces of at most {@value #MAX_SPANS_PER_TRACE} spans each,
 * dropping the oldest beyond that.
 *
 * <p>One instance may serve several SDKs in one process (the example agent and the retrieval
 * service it calls over HTTP): a span whose parent is remote is a local root only when that parent
 * was not started through this processor, so the callee's spans join the caller's waterfall.
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
                trace.started.add(span.getSpanContext().getSpanId());
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
            SpanContext parent = data.getParentSpanContext();
            boolean localRoot = !parent.isValid()
                    || (parent.isRemote() && !trace.started.contains(parent.getSpanId()));
            if (!localRoot) {
                return;
            }
            pending.remove(data.getTraceId());
            ended = trace.ended;
        }
        sink.accept(Waterfall.render(ended));
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        synchronized (pending) {
            pending.clear();
        }
        return CompletableResultCode.ofSuccess();
    }

    /** The spans of one trace started and ended so far. */
    private static final class PendingTrace {
        final Set<String> started = new HashSet<>();
        final List<SpanData> ended = new ArrayList<>();
    }
}
