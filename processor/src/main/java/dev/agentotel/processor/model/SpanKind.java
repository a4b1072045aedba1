package dev.agentotel.processor.model;

/** The four span annotations, with the simple names used in messages. */
public enum SpanKind {
    AGENT_RUN("AgentRun"),
    ITERATION("Iteration"),
    LLM_CALL("LlmCall"),
    TOOL("Tool");

    private static final String PACKAGE = "dev.agentotel.annotations.";

    private final String simpleName;

    SpanKind(String simpleName) {
        this.simpleName = simpleName;
    }

    public String simpleName() {
        return simpleName;
    }

    public String annotationName() {
        return PACKAGE + simpleName;
    }

    /** The kind whose annotation has this qualified name, or {@code null}. */
    public static SpanKind forAnnotation(String qualifiedName) {
        for (SpanKind kind : values()) {
            if (kind.annotationName().equals(qualifiedName)) {
                return kind;
            }
        }
        return null;
    }
}
