package dev.agentotel.internal;

import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Runs every call of a method annotated with {@code @AgentRun}, {@code @Iteration},
 * {@code @LlmCall} or {@code @Tool} inside its span.
 *
 * <p>Code-style around advice on execution join points: ajc inlines it into the woven method
 * (no closure per call), and execution join points cover private, static and self-invoked
 * methods alike. The {@code if()} test comes first, so with no OpenTelemetry set up the method
 * runs as if unwoven. The advice rethrows the method's own exception instance, unchanged, and returns the
 * method's own result; only a streamed LLM response is returned wrapped, so that the span can end
 * when the stream does. Nothing telemetry throws reaches the caller, not even an {@code Error} such
 * as a {@code StackOverflowError} raised inside the telemetry code, and none replaces the method's
 * own throwable.
 *
 * <p>The arguments are bound with {@code args(..)}, one advice per parameter count, rather than
 * read from {@code thisJoinPoint}: ajc builds {@code thisJoinPoint} on entry to every method that
 * has around advice, before the {@code if()} test, which would cost an allocation per call even
 * with telemetry off. Only methods with more than five parameters use it. Each method matches
 * exactly one advice, so the others match nothing in most modules: their
 * {@code adviceDidNotMatch} lint is suppressed (the build's weave verification checks that every
 * annotated method was woven).
 */
public aspect AgentOtelAspect {

    pointcut annotated():
        execution(@dev.agentotel.annotations.AgentRun * *(..))
        || execution(@dev.agentotel.annotations.Iteration * *(..))
        || execution(@dev.agentotel.annotations.LlmCall * *(..))
        || execution(@dev.agentotel.annotations.Tool * *(..));

    pointcut recording(): if(TelemetryState.isActive());

    // Marks each method the advice above is woven into, for the build's weave verification.
    declare @method : @dev.agentotel.annotations.AgentRun * *(..) : @Woven;
    declare @method : @dev.agentotel.annotations.Iteration * *(..) : @Woven;
    declare @method : @dev.agentotel.annotations.LlmCall * *(..) : @Woven;
    declare @method : @dev.agentotel.annotations.Tool * *(..) : @Woven;

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): annotated() && args() && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, Dispatch.NO_ARGUMENTS);
        if (invocation == null) {
            return proceed();
        }
        Object result;
        try {
            result = proceed();
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Object a0): annotated() && args(a0) && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, new Object[] {a0});
        if (invocation == null) {
            return proceed(a0);
        }
        Object result;
        try {
            result = proceed(a0);
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Object a0, Object a1): annotated() && args(a0, a1) && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, new Object[] {a0, a1});
        if (invocation == null) {
            return proceed(a0, a1);
        }
        Object result;
        try {
            result = proceed(a0, a1);
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Object a0, Object a1, Object a2): annotated() && args(a0, a1, a2) && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, new Object[] {a0, a1, a2});
        if (invocation == null) {
            return proceed(a0, a1, a2);
        }
        Object result;
        try {
            result = proceed(a0, a1, a2);
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Object a0, Object a1, Object a2, Object a3):
            annotated() && args(a0, a1, a2, a3) && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, new Object[] {a0, a1, a2, a3});
        if (invocation == null) {
            return proceed(a0, a1, a2, a3);
        }
        Object result;
        try {
            result = proceed(a0, a1, a2, a3);
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(Object a0, Object a1, Object a2, Object a3, Object a4):
            annotated() && args(a0, a1, a2, a3, a4) && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, new Object[] {a0, a1, a2, a3, a4});
        if (invocation == null) {
            return proceed(a0, a1, a2, a3, a4);
        }
        Object result;
        try {
            result = proceed(a0, a1, a2, a3, a4);
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }

    @SuppressAjWarnings("adviceDidNotMatch")
    Object around(): annotated() && args(*, *, *, *, *, *, ..) && recording() {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, thisJoinPoint.getArgs());
        if (invocation == null) {
            return proceed();
        }
        Object result;
        try {
            result = proceed();
        } catch (Throwable failure) {
            try {
                invocation.fail(failure);
            } catch (Throwable telemetryFailure) {
                // fail() guards itself, but near the stack's end its own guard can overflow: the
                // method's failure, not telemetry's, is what its caller gets.
            }
            throw Rethrow.unchecked(failure);
        }
        try {
            return invocation.succeed(result);
        } catch (Throwable telemetryFailure) {
            return result;
        }
    }
}
