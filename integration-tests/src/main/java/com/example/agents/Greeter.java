package com.example.agents;

import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;

/** Tools with bodies in an interface: a default and a static method, woven like class methods. */
public interface Greeter {

    String name();

    @Tool(name = "greet")
    default String greet(@ToolCallId String callId, String visitor) {
        return "Hello " + visitor + ", I am " + name();
    }

    @Tool(name = "farewell")
    static String farewell(String visitor) {
        return "Goodbye " + visitor;
    }
}
