package com.example.agents;

import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Tools in the shapes proxies miss: private, static, and called from inside the class. */
public class ToolBox {

    /** Calls the private tool from inside the class: a self-invocation. */
    public int countWords(String text) {
        return splitWords(text).size();
    }

    @Tool(name = "split_words", description = "Splits text into words")
    private List<String> splitWords(String text) {
        return Arrays.asList(text.trim().split("\\s+"));
    }

    @Tool
    public static String shout(@ToolCallId String callId, String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /** Five parameters, primitives among them: the most the aspect binds one by one. */
    @Tool(name = "convert")
    public static String convert(double amount, String from, String to, int decimals, @ToolCallId String callId) {
        return String.format(Locale.ROOT, "%." + decimals + "f %s->%s", amount * 1.5, from, to);
    }

    /** More parameters than that: the aspect reads them through thisJoinPoint. */
    @Tool(name = "book_trip")
    public String bookTrip(String from, String to, int adults, long budgetCents, double maxHours, boolean direct,
            @ToolCallId String callId) {
        return from + '-' + to + ' ' + adults + ' ' + budgetCents + ' ' + maxHours + ' ' + direct;
    }

    /** Throws exactly the exception it is given, checked or not. */
    @Tool(name = "failing_tool")
    public String fail(Exception failure) throws Exception {
        throw failure;
    }
}
