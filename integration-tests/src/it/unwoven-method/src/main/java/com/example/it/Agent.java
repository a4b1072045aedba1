package com.example.it;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Tool;

public class Agent {

    @AgentRun(name = "it-agent")
    public String answer(String question) {
        return lookup(question);
    }

    @Tool(name = "lookup")
    private String lookup(String query) {
        return query.toUpperCase();
    }
}
