package dev.agentotel.internal;

import org.aspectj.lang.JoinPoint;

/** The aspect's single entry point. */
public final class Dispatch {

    /** The arguments of a method without parameters; descriptors only read arguments. */
    public static final Object[] NO_ARGUMENTS = new Object[0];

    private Dispatch() {}

    /**
     * Starts the span for one call of an annotated method and makes it current, or returns
     * {@code null} when nothing is to be recorded or telemetry failed (logged once). Never throws.
     *
     * @param staticPart identifies the woven method; the cache key of its {@link MethodPlan}
     * @param args the call's arguments, primitives boxed
     */
    public static Invocation start(JoinPoint.StaticPart staticPart, Object[] args) {
        try {
            Instruments instruments = TelemetryState.instruments();
            if (instruments == null) {
                return null;
            }
            MethodPlan plan = MethodPlans.get(staticPart);
            return plan == null ? null : plan.start(instruments, args);
        } catch (Throwable t) {
            SafeLog.warnOnce("Dispatch.start", t);
            return null;
        }
    }
}
