package dev.agentotel.internal;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.Tool;
import dev.agentotel.generated.AgentRunTelemetry;
import dev.agentotel.generated.GeneratedTelemetry;
import dev.agentotel.generated.IterationTelemetry;
import dev.agentotel.generated.LlmCallTelemetry;
import dev.agentotel.generated.MethodTelemetry;
import dev.agentotel.generated.ToolTelemetry;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Finds the {@link MethodPlan} of a woven method: once per join point, then from a cache keyed by
 * the join point's static part (a per-method constant made by the weaver).
 *
 * <p>Resolution loads the generated {@code <Class>_AgentTelemetry} and asks it for the method's
 * descriptor; this is the only reflection, and it happens once per class and method. When the
 * generated class is missing (the processor was not on the annotation processor path, or the
 * method is in a local or anonymous class the processor cannot see) the plan is built from the
 * annotation alone: the span is still recorded, without values read from arguments or result.
 */
final class MethodPlans {

    private static final MethodPlan NOT_INSTRUMENTED = new MethodPlan() {
        @Override
        Invocation start(Instruments instruments, Object[] args) {
            return null;
        }
    };

    private static final Map<JoinPoint.StaticPart, MethodPlan> PLANS = new ConcurrentHashMap<>();

    private static final ClassValue<GeneratedTelemetry> GENERATED = new ClassValue<>() {
        @Override
        protected GeneratedTelemetry computeValue(Class<?> type) {
            return loadGenerated(type);
        }
    };

    private MethodPlans() {}

    /** The plan of the method behind {@code staticPart}, or {@code null} when it is not instrumented. */
    static MethodPlan get(JoinPoint.StaticPart staticPart) {
        MethodPlan plan = PLANS.get(staticPart);
        if (plan == null) {
            // Resolved outside the map's lock: loading the generated class may run user code
            // (static initialisers) that reaches another woven method.
            MethodPlan resolved = resolve(staticPart);
            plan = PLANS.putIfAbsent(staticPart, resolved);
            if (plan == null) {
                plan = resolved;
            }
        }
        return plan == NOT_INSTRUMENTED ? null : plan;
    }

    private static MethodPlan resolve(JoinPoint.StaticPart staticPart) {
        if (!(staticPart.getSignature() instanceof MethodSignature)) {
            return NOT_INSTRUMENTED;
        }
        MethodSignature signature = (MethodSignature) staticPart.getSignature();
        Class<?> type = signature.getDeclaringType();
        String key = methodKey(signature.getName(), signature.getParameterTypes());
        GeneratedTelemetry generated = GENERATED.get(type);
        MethodTelemetry descriptor = generated == null ? null : generated.find(key);
        if (descriptor == null) {
            descriptor = fromAnnotation(signature.getMethod());
            if (descriptor == null) {
                return NOT_INSTRUMENTED;
            }
            SafeLog.warnOnce(
                    "no-generated:" + type.getName() + '#' + key,
                    "No generated telemetry for " + type.getName() + '#' + key
                            + ": its span is recorded from the annotation alone, without values read from"
                            + " arguments or result. Put agentotel-processor on the annotation processor path"
                            + " of this module (see README).");
        }
        return planFor(descriptor);
    }

    @SuppressWarnings("unchecked")
    static MethodPlan planFor(MethodTelemetry descriptor) {
        if (descriptor instanceof AgentRunTelemetry) {
            return new AgentRunPlan((AgentRunTelemetry) descriptor);
        }
        if (descriptor instanceof IterationTelemetry) {
            return new IterationPlan((IterationTelemetry) descriptor);
        }
        if (descriptor instanceof LlmCallTelemetry) {
            return new LlmCallPlan((LlmCallTelemetry<Object>) descriptor);
        }
        if (descriptor instanceof ToolTelemetry) {
            return new ToolPlan((ToolTelemetry) descriptor);
        }
        return NOT_INSTRUMENTED;
    }

    /** The key the processor uses for a method: {@code name(type,type)} in {@link Class#getTypeName()} spelling. */
    static String methodKey(String name, Class<?>[] parameterTypes) {
        StringBuilder key = new StringBuilder(name).append('(');
        for (int i = 0; i < parameterTypes.length; i++) {
            if (i > 0) {
                key.append(',');
            }
            key.append(parameterTypes[i].getTypeName());
        }
        return key.append(')').toString();
    }

    /** {@code com.acme.Outer$Inner} → {@code com.acme.Outer_Inner_AgentTelemetry}. */
    static String generatedClassName(Class<?> type) {
        String name = type.getName();
        int lastDot = name.lastIndexOf('.');
        String packagePrefix = name.substring(0, lastDot + 1);
        return packagePrefix + name.substring(lastDot + 1).replace('$', '_') + GeneratedTelemetry.CLASS_SUFFIX;
    }

    private static GeneratedTelemetry loadGenerated(Class<?> type) {
        String name = generatedClassName(type);
        try {
            Class<?> generated = Class.forName(name, true, type.getClassLoader());
            return (GeneratedTelemetry) generated.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            SafeLog.warnOnce("MethodPlans.loadGenerated " + name, e);
            return null;
        }
    }

    private static MethodTelemetry fromAnnotation(Method method) {
        AgentRun run = method.getAnnotation(AgentRun.class);
        if (run != null) {
            return new AgentRunTelemetry(run.name(), run.id(), run.description(), run.maxIterations(), run.provider()) {};
        }
        if (method.isAnnotationPresent(Iteration.class)) {
            return new IterationTelemetry() {};
        }
        LlmCall call = method.getAnnotation(LlmCall.class);
        if (call != null) {
            return new LlmCallTelemetry<Object>(call.operation(), call.provider(), call.model()) {};
        }
        Tool tool = method.getAnnotation(Tool.class);
        if (tool != null) {
            String name = tool.name().isEmpty() ? method.getName() : tool.name();
            return new ToolTelemetry(name, tool.description()) {};
        }
        return null;
    }
}
