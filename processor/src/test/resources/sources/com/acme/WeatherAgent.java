package com.acme;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.Redact;
import dev.agentotel.annotations.SessionId;
import dev.agentotel.annotations.Tool;
import dev.agentotel.annotations.ToolCallId;
import dev.agentotel.annotations.UserQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A representative agent: every span annotation, every marker, overloads and a nested class. */
public class WeatherAgent {

    /** A parameter type whose runtime name has a '$'. */
    public enum Unit {
        CELSIUS,
        FAHRENHEIT
    }

    @AgentRun(
            name = "weather-agent",
            id = "agent-42",
            description = "Answers questions about the weather",
            maxIterations = 4,
            provider = "openai")
    public String answer(@SessionId String sessionId, @UserQuery String query) {
        return "sunny";
    }

    @AgentRun(name = "weather-agent-by-uuid")
    public String answer(@SessionId UUID sessionId, @UserQuery String query, @Redact String apiKey) {
        return "sunny";
    }

    @AgentRun(name = "weather-agent-by-number")
    public void answer(@SessionId long sessionId) {
    }

    @Iteration
    public boolean step(int number) {
        return number > 2;
    }

    @Iteration
    public Optional<String> think(List<String> notes) {
        return Optional.empty();
    }

    @LlmCall
    public ChatCompletion chat(ChatCompletionCreateParams params) {
        return null;
    }

    @LlmCall(model = "gpt-4o-mini")
    public ChatCompletion classify() {
        return null;
    }

    @Tool(description = "Forecast for the next days")
    public List<String> forecast(@ToolCallId String callId, String city, int days) {
        return List.of();
    }

    @Tool(name = "hourly_temperatures")
    public int[] temperatures(String[] cities, Unit unit) {
        return new int[0];
    }

    @Tool
    public Map<String, Double> averages(Map<String, List<Double>> samples, double[][] matrix) {
        return Map.of();
    }

    /** Not annotated: must not appear in the generated class. */
    public String describe() {
        return "weather";
    }

    /** A nested class gets its own generated class. */
    public static class Inner {

        @Tool(description = "Weather alerts for a region")
        public String[] alerts(@ToolCallId CharSequence callId, Unit unit) {
            return new String[0];
        }
    }
}
