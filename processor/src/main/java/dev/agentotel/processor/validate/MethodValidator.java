package dev.agentotel.processor.validate;

import dev.agentotel.processor.model.LlmShape;
import dev.agentotel.processor.model.Marker;
import dev.agentotel.processor.model.MethodDescriptor;
import dev.agentotel.processor.model.ParameterDescriptor;
import dev.agentotel.processor.model.SpanAnnotation;
import dev.agentotel.processor.model.SpanKind;
import dev.agentotel.processor.model.TypeDescriptor;
import dev.agentotel.processor.model.TypeInfo;
import dev.agentotel.processor.model.ValueType;
import dev.agentotel.telemetry.GenAiAttributes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/** Checks annotated methods against what the runtime and the generated code can handle. */
public final class MethodValidator {

    /** Parameter types an {@code @LlmCall} reads its request from. */
    public static final Set<ValueType> LLM_REQUESTS = Set.of(
            ValueType.CHAT_COMPLETION_CREATE_PARAMS, ValueType.EMBEDDING_CREATE_PARAMS, ValueType.RESPONSE_CREATE_PARAMS);

    private static final Map<Marker, Set<ValueType>> MARKER_TYPES = new EnumMap<>(Map.of(
            Marker.SESSION_ID, Set.of(ValueType.CHAR_SEQUENCE, ValueType.UUID, ValueType.INTEGRAL),
            Marker.USER_QUERY, Set.of(ValueType.CHAR_SEQUENCE),
            Marker.TOOL_CALL_ID, Set.of(ValueType.CHAR_SEQUENCE)));

    private static final Map<Marker, String> MARKER_TELEMETRY = new EnumMap<>(Map.of(
            Marker.SESSION_ID, GenAiAttributes.GEN_AI_CONVERSATION_ID.getKey(),
            Marker.USER_QUERY, GenAiAttributes.AGENT_USER_QUERY_HASH.getKey(),
            Marker.TOOL_CALL_ID, GenAiAttributes.GEN_AI_TOOL_CALL_ID.getKey()));

    private static final Map<Marker, String> MARKER_ACCEPTED = new EnumMap<>(Map.of(
            Marker.SESSION_ID, "String (or another CharSequence), java.util.UUID, long, Long, int or Integer",
            Marker.USER_QUERY, "String (or another CharSequence)",
            Marker.TOOL_CALL_ID, "String (or another CharSequence)"));

    /** The {@code gen_ai.operation.name} values of a model call, most used first. */
    private static final List<String> LLM_OPERATIONS = List.of("chat", "embeddings", "text_completion", "generate_content");

    /** The largest edit distance at which an unknown operation is taken for a typo of a valid one. */
    private static final int MAX_TYPO_DISTANCE = 3;

    /** The tool names OpenAI accepts; most other providers accept them too. */
    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /** Validates every method of {@code type}. */
    public Report validate(TypeDescriptor type) {
        Report report = new Report();
        for (MethodDescriptor method : type.methods()) {
            validate(method, report);
        }
        validateToolNamesAreDistinct(type, report);
        if (!report.hasErrors()) {
            validateIterationsHaveARun(type, report);
        }
        return report;
    }

    /** A warning, not an error: the run may be in another class, even in another module. */
    private void validateIterationsHaveARun(TypeDescriptor type, Report report) {
        if (type.hasAgentRun()) {
            return;
        }
        for (MethodDescriptor method : type.methods()) {
            if (!method.spans().isEmpty() && method.span().kind() == SpanKind.ITERATION) {
                report.add(Message.ITERATION_WITHOUT_RUN, method.element(), method.span().mirror(), null,
                        type.element().getSimpleName());
            }
        }
    }

    private void validate(MethodDescriptor method, Report report) {
        validateMarkers(method, report);
        if (method.spans().isEmpty()) {
            return;
        }
        SpanAnnotation first = method.spans().get(0);
        for (SpanAnnotation other : method.spans().subList(1, method.spans().size())) {
            report.add(Message.SPAN_ANNOTATIONS_COMBINED, method.element(), other.mirror(), null,
                    first.kind().simpleName(), other.kind().simpleName());
        }
        validatePlacement(method, first, report);
        for (SpanAnnotation span : method.spans()) {
            switch (span.kind()) {
                case AGENT_RUN:
                    validateAgentRun(span, report, method);
                    break;
                case LLM_CALL:
                    validateLlmCall(method, span, report);
                    break;
                case TOOL:
                    validateToolName(method, span, report);
                    break;
                case ITERATION:
                    break; // it has no values; whether it has a run is checked for the whole class
            }
        }
    }

    private void validatePlacement(MethodDescriptor method, SpanAnnotation span, Report report) {
        String annotation = span.kind().simpleName();
        Set<Modifier> modifiers = method.element().getModifiers();
        // Default, static and private interface methods have bodies: they are woven like a class's.
        if (method.declaredInInterface() && modifiers.contains(Modifier.ABSTRACT)) {
            report.add(Message.INTERFACE_METHOD, method.element(), span.mirror(), null,
                    annotation, method.element().getEnclosingElement().getSimpleName());
        } else if (modifiers.contains(Modifier.ABSTRACT)) {
            report.add(Message.ABSTRACT_METHOD, method.element(), span.mirror(), null, annotation);
        } else if (modifiers.contains(Modifier.NATIVE)) {
            report.add(Message.NATIVE_METHOD, method.element(), span.mirror(), null, annotation);
        }
    }

    private void validateAgentRun(SpanAnnotation span, Report report, MethodDescriptor method) {
        blank(span, "name", GenAiAttributes.GEN_AI_AGENT_NAME.getKey() + " and the root span's name", report, method);
        int maxIterations = span.integer("maxIterations");
        if (maxIterations < 1) {
            report.add(Message.MAX_ITERATIONS_TOO_SMALL, method.element(), span.mirror(),
                    span.explicit("maxIterations"), maxIterations);
        }
    }

    private void validateLlmCall(MethodDescriptor method, SpanAnnotation span, Report report) {
        String operation = span.string("operation");
        if (operation.isBlank()) {
            blank(span, "operation", GenAiAttributes.GEN_AI_OPERATION_NAME.getKey() + " and the first word of the span name", report, method);
        } else if (!LLM_OPERATIONS.contains(operation)) {
            report.add(Message.LLM_CALL_UNKNOWN_OPERATION, method.element(), span.mirror(), span.explicit("operation"),
                    operation, operationFix(operation));
        }
        blank(span, "provider", GenAiAttributes.GEN_AI_PROVIDER_NAME.getKey(), report, method);
        TypeInfo returns = method.returnType();
        if (LlmShape.of(returns).isEmpty() && !returns.isUnresolved()) {
            Message message;
            if (returns.valueType() == ValueType.BLOCKING_FUTURE) {
                message = Message.LLM_CALL_BLOCKING_FUTURE;
            } else if (leavesResponseOpen(returns)) {
                message = Message.LLM_CALL_GENERIC_RETURN;
            } else {
                message = Message.LLM_CALL_UNSUPPORTED_RETURN;
            }
            report.add(message, method.element(), null, null, returns.display(), LlmShape.SUPPORTED);
        }
        List<ParameterDescriptor> requests = method.parameters().stream()
                .filter(parameter -> LLM_REQUESTS.contains(parameter.type().valueType()))
                .collect(Collectors.toList());
        for (int i = 1; i < requests.size(); i++) {
            report.add(Message.LLM_CALL_TWO_REQUESTS, requests.get(i).element(), null, null,
                    method.name(), requests.get(0).name(), requests.get(i).name());
        }
        boolean hasRequest = !requests.isEmpty()
                || method.parameters().stream().anyMatch(p -> p.type().valueType() == ValueType.UNRESOLVED);
        if (!hasRequest && span.string("model").isBlank()) {
            report.add(Message.LLM_CALL_WITHOUT_MODEL, method.element(), span.mirror(), span.explicit("model"),
                    method.name(), operation);
        }
    }

    /** A future or stream of no declared response type, or a type variable standing for the response. */
    private static boolean leavesResponseOpen(TypeInfo returns) {
        switch (returns.valueType()) {
            case GENERIC:
                return true;
            case FUTURE:
            case STREAM_RESPONSE:
                return returns.typeArgument() == null || returns.typeArgument().valueType() == ValueType.GENERIC;
            default:
                return false;
        }
    }

    /** The closest valid operation when it is a likely typo, else a pointer to all of them. */
    private static String operationFix(String operation) {
        String closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (String candidate : LLM_OPERATIONS) {
            int distance = editDistance(operation, candidate);
            if (distance < closestDistance) {
                closest = candidate;
                closestDistance = distance;
            }
        }
        return closestDistance <= MAX_TYPO_DISTANCE
                ? "Did you mean \"" + closest + "\"?"
                : "Use one of these four.";
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    private static int editDistance(String from, String to) {
        int[] previous = new int[to.length() + 1];
        int[] current = new int[to.length() + 1];
        for (int j = 0; j <= to.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= from.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= to.length(); j++) {
                int substitution = previous[j - 1] + (from.charAt(i - 1) == to.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[to.length()];
    }

    private void validateToolName(MethodDescriptor method, SpanAnnotation span, Report report) {
        String name = span.string("name");
        if (name.isEmpty()) {
            // An empty name means "the method's name".
            if (!TOOL_NAME.matcher(method.name()).matches()) {
                report.add(Message.TOOL_METHOD_NAME_INVALID, method.element(), span.mirror(), null, method.name());
            }
        } else if (name.isBlank()) {
            blank(span, "name", GenAiAttributes.GEN_AI_TOOL_NAME.getKey() + " and the tool span's name", report, method);
        } else if (!TOOL_NAME.matcher(name).matches()) {
            report.add(Message.TOOL_NAME_INVALID, method.element(), span.mirror(), span.explicit("name"), name);
        }
    }

    /** Tools whose names are invalid are reported already, and left out here. */
    private void validateToolNamesAreDistinct(TypeDescriptor type, Report report) {
        Map<String, MethodDescriptor> tools = new HashMap<>();
        for (MethodDescriptor method : type.methods()) {
            method.spans().stream().filter(span -> span.kind() == SpanKind.TOOL).findFirst().ifPresent(span -> {
                String name = method.toolName();
                if (!TOOL_NAME.matcher(name).matches()) {
                    return;
                }
                MethodDescriptor previous = tools.putIfAbsent(name, method);
                if (previous != null) {
                    report.add(Message.TOOL_NAME_DUPLICATED, method.element(), span.mirror(), span.explicit("name"),
                            name, previous.element());
                }
            });
        }
    }

    private static void blank(SpanAnnotation span, String attribute, String telemetry, Report report,
            MethodDescriptor method) {
        String value = span.string(attribute);
        if (value.isBlank()) {
            report.add(Message.BLANK_VALUE, method.element(), span.mirror(), span.explicit(attribute),
                    span.kind().simpleName(), attribute, value, telemetry);
        }
    }

    private void validateMarkers(MethodDescriptor method, Report report) {
        Map<Marker, ParameterDescriptor> seen = new EnumMap<>(Marker.class);
        for (ParameterDescriptor parameter : method.parameters()) {
            parameter.markers().forEach((marker, mirror) -> {
                if (method.element().getKind() == ElementKind.CONSTRUCTOR) {
                    report.add(Message.MARKER_ON_CONSTRUCTOR, parameter.element(), mirror, null,
                            marker.simpleName(), parameter.name());
                    return;
                }
                if (method.spans().isEmpty()) {
                    report.add(Message.MARKER_WITHOUT_SPAN, parameter.element(), mirror, null,
                            marker.simpleName(), parameter.name());
                    return;
                }
                SpanKind kind = method.spans().get(0).kind();
                if (!marker.readBy().contains(kind)) {
                    report.add(Message.MARKER_NOT_READ, parameter.element(), mirror, null,
                            marker.simpleName(), kind.simpleName(), marker.readBy().stream()
                                    .map(readBy -> "@" + readBy.simpleName())
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
                    return;
                }
                Set<ValueType> accepted = MARKER_TYPES.get(marker);
                ValueType actual = parameter.type().valueType();
                if (accepted != null && actual != ValueType.UNRESOLVED && !accepted.contains(actual)) {
                    report.add(Message.MARKER_WRONG_TYPE, parameter.element(), mirror, null,
                            marker.simpleName(), parameter.name(), parameter.type().display(),
                            MARKER_TELEMETRY.get(marker), MARKER_ACCEPTED.get(marker));
                }
                ParameterDescriptor previous = seen.putIfAbsent(marker, parameter);
                if (previous != null && marker != Marker.REDACT) {
                    report.add(Message.MARKER_DUPLICATED, parameter.element(), mirror, null,
                            marker.simpleName(), previous.name(), parameter.name());
                }
            });
        }
    }
}
