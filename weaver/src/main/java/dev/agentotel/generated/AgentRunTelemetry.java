package dev.agentotel.generated;

/** Descriptor of an {@link dev.agentotel.annotations.AgentRun @AgentRun} method. */
public abstract class AgentRunTelemetry extends MethodTelemetry {

    private final String agentName;
    private final String agentId;
    private final String description;
    private final int maxIterations;
    private final String provider;

    /**
     * @param agentName {@code AgentRun.name()}
     * @param agentId {@code AgentRun.id()}, {@code ""} when not set
     * @param description {@code AgentRun.description()}, {@code ""} when not set
     * @param maxIterations {@code AgentRun.maxIterations()}
     * @param provider {@code AgentRun.provider()}, {@code ""} when not set
     */
    protected AgentRunTelemetry(
            String agentName, String agentId, String description, int maxIterations, String provider) {
        this.agentName = agentName;
        this.agentId = agentId;
        this.description = description;
        this.maxIterations = maxIterations;
        this.provider = provider;
    }

    public final String agentName() {
        return agentName;
    }

    public final String agentId() {
        return agentId;
    }

    public final String description() {
        return description;
    }

    public final int maxIterations() {
        return maxIterations;
    }

    public final String provider() {
        return provider;
    }

    /**
     * The {@link dev.agentotel.annotations.SessionId @SessionId} argument as text, or {@code null}
     * when the method has none or it is {@code null}.
     */
    public String sessionId(Object[] args) {
        return null;
    }

    /**
     * The {@link dev.agentotel.annotations.UserQuery @UserQuery} argument, or {@code null} when the
     * method has none or it is {@code null}.
     */
    public CharSequence userQuery(Object[] args) {
        return null;
    }

    /**
     * Whether the {@code @UserQuery} parameter is also {@link dev.agentotel.annotations.Redact @Redact}:
     * then its text is never captured, whatever the content capture switch says (its keyed hash
     * still is).
     */
    public boolean userQueryRedacted() {
        return false;
    }

    /**
     * The length of the final answer when the method returns a {@link CharSequence}; {@code -1}
     * when it returns something else or {@code null}.
     */
    public int finalAnswerLength(Object result) {
        return -1;
    }
}
