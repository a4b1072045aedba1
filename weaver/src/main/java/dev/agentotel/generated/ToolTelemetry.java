package dev.agentotel.generated;

/** Descriptor of a {@link dev.agentotel.annotations.Tool @Tool} method. */
public abstract class ToolTelemetry extends MethodTelemetry {

    private final String toolName;
    private final String description;

    /**
     * @param toolName {@code Tool.name()}, or the method name when that is empty
     * @param description {@code Tool.description()}, {@code ""} when not set
     */
    protected ToolTelemetry(String toolName, String description) {
        this.toolName = toolName;
        this.description = description;
    }

    public final String toolName() {
        return toolName;
    }

    public final String description() {
        return description;
    }

    /**
     * The {@link dev.agentotel.annotations.ToolCallId @ToolCallId} argument as text, or
     * {@code null} when the method has none or it is {@code null}.
     */
    public String toolCallId(Object[] args) {
        return null;
    }

    /**
     * Content capture only: the names under which the arguments are recorded in
     * {@code gen_ai.tool.call.arguments}, by position, {@code null} for parameters never captured
     * ({@code @Redact} and {@code @ToolCallId}); {@code null} when no argument is captured.
     */
    public String[] argumentNames() {
        return null;
    }

    /**
     * The number of results when the method returns a {@link java.util.Collection}, a
     * {@link java.util.Map} or an array; {@code -1} otherwise or when the result is {@code null}.
     */
    public int resultCount(Object result) {
        return -1;
    }
}
