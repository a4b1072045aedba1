package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of an {@link AgentRun} method that identifies the conversation: its value
 * becomes {@code gen_ai.conversation.id} on the run span and, for the duration of the run, the
 * OpenTelemetry baggage entry {@code agent.session_id}, so downstream services reached with the
 * W3C {@code baggage} header receive it.
 *
 * <p>Supported types: {@link CharSequence} (including {@link String}), {@link java.util.UUID},
 * {@code long}, {@code int} and their wrappers. At most one per method. A {@code null} value is
 * omitted.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SessionId {}
