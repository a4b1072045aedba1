package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs an agent for one request: every call becomes one
 * {@code invoke_agent {name}} span.
 *
 * <p>The span is of kind {@code SERVER} when no span is active at entry (the run is the process's
 * unit of work) and {@code INTERNAL} when the run is nested in another span, such as an HTTP
 * server span or an outer agent run. It carries {@code gen_ai.operation.name=invoke_agent},
 * {@code gen_ai.agent.name}, {@code gen_ai.agent.id} and {@code gen_ai.agent.description} (when
 * set), {@code gen_ai.provider.name} (when set), {@code agent.iteration.max}, and at the end
 * {@code agent.iteration.count} and, when the method returns a {@link CharSequence},
 * {@code agent.final_answer.length}. A parameter marked {@link SessionId} becomes
 * {@code gen_ai.conversation.id} (and the baggage entry {@code agent.session_id} for the duration
 * of the run); a parameter marked {@link UserQuery} becomes {@code agent.user_query.hash}, a keyed
 * hash, never the raw text.
 *
 * <p>The run also records the metrics {@code gen_ai.invoke_agent.duration} and
 * {@code agent.iterations}. When the run ends having used all {@link #maxIterations()} iterations
 * without the last one completing, the span gets the event {@code agent.max_iterations_exceeded}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AgentRun {

    /** The agent's name: {@code gen_ai.agent.name} and part of the span name. Must not be blank. */
    String name();

    /** A stable identifier of the agent, {@code gen_ai.agent.id}; omitted when empty. */
    String id() default "";

    /** What the agent does, {@code gen_ai.agent.description}; omitted when empty. */
    String description() default "";

    /**
     * The iteration budget of one run, {@code agent.iteration.max}. Must be at least 1. It is
     * recorded, not enforced: the agent's own loop decides when to stop.
     */
    int maxIterations() default 10;

    /** The model provider the agent uses, {@code gen_ai.provider.name}; omitted when empty. */
    String provider() default "";
}
