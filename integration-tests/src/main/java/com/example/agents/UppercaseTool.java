package com.example.agents;

import dev.agentotel.annotations.Tool;
import java.util.Locale;
import java.util.function.Function;

/**
 * A tool implementing a generic interface: javac adds a bridge {@code apply(Object)} carrying a copy
 * of {@code @Tool}, which AspectJ does not weave and the build's weave verification must not count.
 */
public class UppercaseTool implements Function<String, String> {

    @Tool(name = "uppercase")
    @Override
    public String apply(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
