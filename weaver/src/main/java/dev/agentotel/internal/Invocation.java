package dev.agentotel.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * One call of an annotated method, from span start to span end. Made by {@link Dispatch}; the
 * aspect calls exactly one of {@link #succeed} or {@link #fail} on the calling thread.
 *
 * <p>Both never throw: each step is guarded separately so that a failing extractor still ends the
 * span and, above all, closes the scope (a leaked scope would corrupt the thread's context).
 */
public abstract class Invocation {

    final Instruments instruments;
    final Span span;
    final long startNanos;
    private final Scope scope;

    Invocation(Instruments instruments, Span span, Scope scope, long startNanos) {
        this.instruments = instruments;
        this.span = span;
        this.scope = scope;
        this.startNanos = startNanos;
    }

    /**
     * The method returned {@code result} ({@code null} for {@code void}). Returns what the advice
     * returns: {@code result} itself, except for a streamed response, which is returned wrapped
     * (see {@link #endsLater}).
     */
    public final Object succeed(Object result) {
        closeScope();
        try {
            if (endsLater(result)) {
                return observeLater(result);
            }
            onSuccess(result);
        } catch (Throwable t) {
            SafeLog.warnOnce(getClass().getSimpleName() + ".onSuccess", t);
        }
        endSpan();
        return result;
    }

    /** Whether {@code result} completes after the method returned (a future, a stream). */
    boolean endsLater(Object result) {
        return false;
    }

    /**
     * For a result that {@link #endsLater}: arranges for the span to end when it completes and
     * returns what the method returns. Must not throw and must return {@code result} when it
     * cannot observe it (having ended the span).
     */
    Object observeLater(Object result) {
        return result;
    }

    /** The method threw {@code failure}; the aspect rethrows the same instance. */
    public final void fail(Throwable failure) {
        closeScope();
        try {
            onFailure(failure);
        } catch (Throwable t) {
            SafeLog.warnOnce(getClass().getSimpleName() + ".onFailure", t);
        }
        endSpan();
    }

    /** Reads the result onto the span and records metrics. */
    abstract void onSuccess(Object result);

    /** Records the failure on the span and records metrics. */
    abstract void onFailure(Throwable failure);

    final double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void closeScope() {
        try {
            scope.close();
        } catch (Throwable t) {
            SafeLog.warnOnce(getClass().getSimpleName() + ".closeScope", t);
        }
    }

    final void endSpan() {
        try {
            span.end();
        } catch (Throwable t) {
            SafeLog.warnOnce(getClass().getSimpleName() + ".endSpan", t);
        }
    }
}
