package dev.agentotel.internal;

import io.opentelemetry.context.ContextKey;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** What one agent run shares with its iterations, carried in the OpenTelemetry {@code Context}. */
final class RunState {

    static final ContextKey<RunState> KEY = ContextKey.named("agentotel-run");

    /** An updater rather than an {@code AtomicInteger}: one object less per run. */
    private static final AtomicIntegerFieldUpdater<RunState> ITERATIONS =
            AtomicIntegerFieldUpdater.newUpdater(RunState.class, "iterations");

    final int maxIterations;
    private volatile int iterations;
    /** Whether the most recently ended iteration completed the run; {@code null} when it could not tell. */
    private volatile Boolean lastCompleted;

    RunState(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    /** Claims the next 0-based iteration number. */
    int nextIteration() {
        return ITERATIONS.getAndIncrement(this);
    }

    int iterationCount() {
        return iterations;
    }

    void iterationEnded(Boolean completed) {
        lastCompleted = completed;
    }

    /**
     * The run used its whole budget without finishing: more iterations than allowed, or exactly
     * the budget with the last one known not to have completed.
     */
    boolean maxIterationsExceeded() {
        int count = iterations;
        return count > maxIterations || (count == maxIterations && Boolean.FALSE.equals(lastCompleted));
    }
}
