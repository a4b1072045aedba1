package dev.agentotel.internal;

/**
 * What is known about one woven method before its first call: its descriptor and everything that
 * can be computed from it once (span name, constant attributes). One per join point, cached.
 */
abstract class MethodPlan {

    /** Starts the span and makes it current; the returned invocation owns both. */
    abstract Invocation start(Instruments instruments, Object[] args);
}
