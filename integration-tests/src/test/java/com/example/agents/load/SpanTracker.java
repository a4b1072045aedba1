package com.example.agents.load;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the spans that end and keeps a weak reference to each, so a test can tell how many are
 * still held by anyone (the export pipeline's queue and batch) after a garbage collection.
 */
final class SpanTracker implements SpanProcessor {

    private final AtomicLong ended = new AtomicLong();
    private final Queue<WeakReference<ReadableSpan>> spans = new ConcurrentLinkedQueue<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.incrementAndGet();
        spans.add(new WeakReference<>(span));
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    long ended() {
        return ended.get();
    }

    /**
     * How many ended spans are still reachable once garbage collection has cleared what it can:
     * collects until the count is at most {@code expectedAtMost} or 20 collections have not got it
     * there, and returns the last count.
     */
    long heldAfterGc(long expectedAtMost) throws InterruptedException {
        long held = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 20 && held > expectedAtMost; attempt++) {
            System.gc();
            Thread.sleep(20);
            spans.removeIf(ref -> ref.get() == null);
            held = spans.size();
        }
        return held;
    }
}
