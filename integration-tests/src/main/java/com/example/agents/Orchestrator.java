package com.example.agents;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.UserQuery;
import java.util.Optional;

/** An agent that delegates to another agent: the inner run is nested in the outer one. */
public class Orchestrator {

    private final LoopAgent delegate = new LoopAgent(0);

    @AgentRun(name = "orchestrator", maxIterations = 1)
    public String run(@UserQuery String query) {
        return delegate.run("inner-session", query);
    }

    /** An iteration method used outside any run, on purpose: AGENTOTEL-017's warning is silenced. */
    @SuppressWarnings("agentotel")
    public static class Standalone {

        @Iteration
        public Optional<String> think() {
            return Optional.of("thought");
        }
    }

    /** A run that fails with the exception it is given. */
    @AgentRun(name = "failing-agent")
    public String failWith(RuntimeException failure) {
        throw failure;
    }
}
