package dev.agentotel.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Renders a {@link Waterfall} of each trace when its local root span ends and hands it to a sink
 * (a console, a list). For local debugging ({@code OTEL_DEBUG=true}); keeps at most
 * {@value #MAX_TRACES} unfinished traces of at most {@value #MAX_SPANS_PER_TRACE} spans each,
 * dropping the oldest beyond that.
 */
public final class WaterfallSpanProcessor implements SpanProcessor {

    static final int MAX_TRACES = 256;
    static final int MAX_SPANS_PER_TRACE = 2_000;

    private final Consumer<String> sink;
    private final Map<String, List<SpanData>> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<SpanData>> eldest) {
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
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanData data = span.toSpanData();
        List<SpanData> trace;
        synchronized (pending) {
            trace = pending.computeIfAbsent(data.getTraceId(), k -> new ArrayList<>());
            if (trace.size() < MAX_SPANS_PER_TRACE) {
                trace.add(data);
            }
            boolean localRoot = !data.getParentSpanContext().isValid() || data.getParentSpanContext().isRemote();
            if (!localRoot) {
                return;
            }
            pending.remove(data.getTraceId());
        }
        sink.accept(Waterfall.render(trace));
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
}
