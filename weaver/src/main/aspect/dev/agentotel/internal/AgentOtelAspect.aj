package dev.agentotel.internal;

/**
 * Runs every call of a method annotated with {@code @AgentRun}, {@code @Iteration},
 * {@code @LlmCall} or {@code @Tool} inside its span.
 *
 * <p>Code-style around advice on execution join points: ajc inlines it into the woven method
 * (no closure per call), and execution join points cover private, static and self-invoked
 * methods alike. The {@code if()} test comes first, so with no OpenTelemetry set up the method
 * runs as if unwoven. The advice rethrows the method's own exception instance, unchanged, and returns the
 * method's own result; only a streamed LLM response is returned wrapped, so that the span can end
 * when the stream does.
 */
public aspect AgentOtelAspect {

    pointcut annotated():
        execution(@dev.agentotel.annotations.AgentRun * *(..))
        || execution(@dev.agentotel.annotations.Iteration * *(..))
        || execution(@dev.agentotel.annotations.LlmCall * *(..))
        || execution(@dev.agentotel.annotations.Tool * *(..));

    // Marks each method the advice above is woven into, for the build's weave verification.
    declare @method : @dev.agentotel.annotations.AgentRun * *(..) : @Woven;
    declare @method : @dev.agentotel.annotations.Iteration * *(..) : @Woven;
    declare @method : @dev.agentotel.annotations.LlmCall * *(..) : @Woven;
    declare @method : @dev.agentotel.annotations.Tool * *(..) : @Woven;

    Object around(): annotated() && if(TelemetryState.isActive()) {
        Invocation invocation = Dispatch.start(thisJoinPointStaticPart, thisJoinPoint);
        if (invocation == null) {
            return proceed();
        }
        Object result;
        try {
            result = proceed();
        } catch (Throwable failure) {
            invocation.fail(failure);
            throw Rethrow.unchecked(failure);
        }
        return invocation.succeed(result);
    }
}
