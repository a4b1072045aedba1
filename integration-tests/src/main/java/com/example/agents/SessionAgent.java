package com.example.agents;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.SessionId;

/** A run whose session id is whatever {@link CharSequence} the caller passes, even a broken one. */
public class SessionAgent {

    @AgentRun(name = "session-agent")
    public String run(@SessionId CharSequence sessionId) {
        return "ran";
    }
}
