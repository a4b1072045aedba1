package dev.agentotel.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The streamed LLM calls of one {@link Instruments} whose spans are still open, so that a stream
 * the caller never reads to its end nor closes cannot keep its span open forever: its span ends
 * once no chunk arrived for {@code agentotel.llm.stream-timeout}, and at
 * {@code AgentTelemetry.close()} at the latest.
 *
 * <p>One daemon thread, shared by all streams and started with the first, checks the deadlines;
 * a stream costs one scheduled task, cancelled when its span ends and rescheduled only when its
 * deadline passes while chunks are still arriving.
 */
final class OpenStreams {

    static final String TIMEOUT_PROPERTY = "agentotel.llm.stream-timeout";
    static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** A stream whose span is open. */
    interface Stream {
        /** When a chunk last arrived, or the call returned, in {@link System#nanoTime()}. */
        long lastActivityNanos();

        /** Ends the span with {@code errorType} as {@code error.type}, unless it has ended already. */
        void abandon(String errorType);
    }

    private final long timeoutNanos;
    /** Each open stream with its pending check (a {@link Future}), or {@link #UNSCHEDULED}. */
    private final Map<Stream, Object> open = new ConcurrentHashMap<>();
    private static final Object UNSCHEDULED = new Object();

    OpenStreams(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    static OpenStreams fromConfig() {
        return new OpenStreams(timeoutNanos(Config.get(TIMEOUT_PROPERTY)));
    }

    /**
     * {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, a bare number of milliseconds; {@code 0}
     * switches the timeout off. Anything else is logged once and gives the default.
     */
    static long timeoutNanos(String value) {
        if (value == null) {
            return DEFAULT_TIMEOUT_NANOS;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        TimeUnit unit = TimeUnit.MILLISECONDS;
        String number = text;
        if (text.endsWith("ms")) {
            number = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s")) {
            unit = TimeUnit.SECONDS;
            number = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            unit = TimeUnit.MINUTES;
            number = text.substring(0, text.length() - 1);
        } else if (text.endsWith("h")) {
            unit = TimeUnit.HOURS;
            number = text.substring(0, text.length() - 1);
        }
        try {
            long amount = Long.parseLong(number.trim());
            if (amount >= 0) {
                return unit.toNanos(amount);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        SafeLog.warnOnce(TIMEOUT_PROPERTY, TIMEOUT_PROPERTY + " = \"" + value + "\" is not a duration such as 500ms, 30s"
                + " or 10m (0 switches the timeout off); the default of 10m applies.");
        return DEFAULT_TIMEOUT_NANOS;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Watches {@code stream} until {@link #remove} or {@link #abandonAll}. */
    void add(Stream stream) {
        open.put(stream, UNSCHEDULED);
        if (timeoutNanos > 0) {
            schedule(stream, timeoutNanos);
        }
    }

    /** The stream's span ended: it is no longer watched. */
    void remove(Stream stream) {
        cancel(open.remove(stream));
    }

    /** Ends the span of every stream still open with {@code errorType}. */
    void abandonAll(String errorType) {
        for (Stream stream : open.keySet()) {
            Object check = open.remove(stream);
            if (check != null) {
                cancel(check);
                stream.abandon(errorType);
            }
        }
    }

    int size() {
        return open.size();
    }

    private void schedule(Stream stream, long delayNanos) {
        Future<?> check = Scheduler.INSTANCE.schedule(() -> check(stream), delayNanos, TimeUnit.NANOSECONDS);
        if (open.replace(stream, check) == null) {
            // Ended meanwhile: the check must not hold the stream until its delay passes.
            check.cancel(false);
        }
    }

    private static void cancel(Object check) {
        if (check instanceof Future) {
            ((Future<?>) check).cancel(false);
        }
    }

    private void check(Stream stream) {
        try {
            if (!open.containsKey(stream)) {
                return;
            }
            long idle = System.nanoTime() - stream.lastActivityNanos();
            if (idle < timeoutNanos) {
                schedule(stream, timeoutNanos - idle);
            } else if (open.remove(stream) != null) {
                stream.abandon(dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE_TIMEOUT);
            }
        } catch (Throwable t) {
            SafeLog.warnOnce("stream timeout", t);
        }
    }

    /** The one thread, created with the first stream; a daemon, so it never keeps the JVM alive. */
    private static final class Scheduler {

        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "agentotel-stream-timeout");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
