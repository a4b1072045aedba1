package com.example.agents;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.UserQuery;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.baggage.Baggage;
import java.util.ArrayList;
import java.util.List;

/** An agent whose loop finishes at a chosen iteration, or never. */
public class LoopAgent {

    public static final int MAX_ITERATIONS = 3;

    private final int finishAt;
    private final List<String> baggageSeen = new ArrayList<>();

    /** @param finishAt the 0-based iteration that completes the run; -1 for never */
    public LoopAgent(int finishAt) {
        this.finishAt = finishAt;
    }

    @AgentRun(name = "loop-agent", id = "loop-1", description = "Loops until done", maxIterations = MAX_ITERATIONS,
            provider = "openai")
    public String run(@SessionId String sessionId, @UserQuery String query) {
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if (step(i)) {
                return "done after " + (i + 1);
            }
        }
        return "gave up";
    }

    @Iteration
    private boolean step(int index) {
        baggageSeen.add(Baggage.current().getEntryValue(GenAiAttributes.BAGGAGE_SESSION_ID));
        return index == finishAt;
    }

    /** The {@code agent.session_id} baggage value each iteration saw. */
    public List<String> baggageSeen() {
        return baggageSeen;
    }
}
