package dev.agentotel.internal;

import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_EVENT;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_MESSAGE;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_STACKTRACE;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_TYPE;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Marks a span failed: status ERROR, {@code error.type} and a redacted {@code exception} event. */
final class Failures {

    /** Exception texts are redacted, then kept to 16 KB: a message may carry a whole input. */
    private static final int MAX_EXCEPTION_TEXT = 16 * 1024;

    private Failures() {}

    /** Records {@code failure} on {@code span} with {@code errorType} as {@code error.type}. */
    static void record(Span span, Throwable failure, String errorType, ContentPolicy content) {
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(ERROR_TYPE, errorType);
        // Built by hand instead of Span.recordException: the message and the stack trace (which
        // repeats the message and those of the causes) must pass through the redactor.
        AttributesBuilder event = Attributes.builder().put(EXCEPTION_TYPE, failure.getClass().getName());
        try {
            String message = failure.getMessage();
            if (message != null) {
                event.put(EXCEPTION_MESSAGE, content.cut(message, MAX_EXCEPTION_TEXT, new ContentCapture.Flag()));
            }
            event.put(EXCEPTION_STACKTRACE, content.cut(stackTrace(failure), MAX_EXCEPTION_TEXT, new ContentCapture.Flag()));
        } catch (Throwable t) {
            // The user's exception class may override getMessage or printStackTrace and fail there:
            // the event keeps the type, and the caller still records its metrics.
            SafeLog.warnOnce("exception event", t);
        }
        span.addEvent(EXCEPTION_EVENT, event.build());
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            failure.printStackTrace(writer);
        }
        return out.toString();
    }
}
