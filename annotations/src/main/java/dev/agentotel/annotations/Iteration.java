package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that performs one step of an agent loop: every call becomes an
 * {@code agent.iteration} span of kind {@code INTERNAL}, a child of the enclosing
 * {@link AgentRun} span.
 *
 * <p>The span carries {@code agent.iteration.number} (0-based, counted per enclosing run) and
 * {@code agent.iteration.max} (the run's budget). When the method returns {@code boolean} or
 * {@link Boolean} ({@code true} meaning "the agent is done") or an {@link java.util.Optional}
 * (present meaning "here is the final answer"), the span also carries
 * {@code agent.iteration.completed}, which the run uses to tell whether it ran out of iterations.
 *
 * <p>Called outside any run, the method still gets its span, without number or budget.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Iteration {}
