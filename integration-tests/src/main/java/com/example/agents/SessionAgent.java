package com.example.agents;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.UserQuery;

/** Runs whose session id or query is whatever {@link CharSequence} the caller passes, even a broken one. */
public class SessionAgent {

    @AgentRun(name = "session-agent")
    public String run(@SessionId CharSequence sessionId) {
        return "ran";
    }

    @AgentRun(name = "query-agent")
    public String ask(@UserQuery CharSequence query) {
        return step() ? "answered" : "gave up";
    }

    @Iteration
    private boolean step() {
        return true;
    }
}
