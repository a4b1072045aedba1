package dev.agentotel.internal;

import io.opentelemetry.context.ContextKey;
import java.util.concurrent.atomic.AtomicInteger;

/** What one agent run shares with its iterations, carried in the OpenTelemetry {@code Context}. */
final class RunState {

    static final ContextKey<RunState> KEY = ContextKey.named("agentotel-run");

    final int maxIterations;
    private final AtomicInteger iterations = new AtomicInteger();
    /** Whether the most recently ended iteration completed the run; {@code null} when it could not tell. */
    private volatile Boolean lastCompleted;

    RunState(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    /** Claims the next 0-based iteration number. */
    int nextIteration() {
        return iterations.getAndIncrement();
    }

    int iterationCount() {
        return iterations.get();
    }

    void iterationEnded(Boolean completed) {
        lastCompleted = completed;
    }

    /**
     * The run used its whole budget without finishing: more iterations than allowed, or exactly
     * the budget with the last one known not to have completed.
     */
    boolean maxIterationsExceeded() {
        int count = iterations.get();
        return count > maxIterations || (count == maxIterations && Boolean.FALSE.equals(lastCompleted));
    }
}
