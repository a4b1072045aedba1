package dev.agentotel.processor.model;

import java.util.Set;

/** The parameter markers, with the span kinds that read each one. */
public enum Marker {
    SESSION_ID("SessionId", Set.of(SpanKind.AGENT_RUN)),
    USER_QUERY("UserQuery", Set.of(SpanKind.AGENT_RUN)),
    TOOL_CALL_ID("ToolCallId", Set.of(SpanKind.TOOL)),
    REDACT("Redact", Set.of(SpanKind.values()));

    private static final String PACKAGE = "dev.agentotel.annotations.";

    private final String simpleName;
    private final Set<SpanKind> readBy;

    Marker(String simpleName, Set<SpanKind> readBy) {
        this.simpleName = simpleName;
        this.readBy = readBy;
    }

    public String simpleName() {
        return simpleName;
    }

    public String annotationName() {
        return PACKAGE + simpleName;
    }

    /** The span kinds whose methods read this marker. */
    public Set<SpanKind> readBy() {
        return readBy;
    }

    /** The marker whose annotation has this qualified name, or {@code null}. */
    public static Marker forAnnotation(String qualifiedName) {
        for (Marker marker : values()) {
            if (marker.annotationName().equals(qualifiedName)) {
                return marker;
            }
        }
        return null;
    }
}
