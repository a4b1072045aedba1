package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of an {@link AgentRun} method that holds the user's query. By default the
 * run span gets only {@code agent.user_query.hash}, a keyed HMAC-SHA-256 of the text: equal
 * queries correlate within a deployment, the text itself never leaves the process.
 *
 * <p>Supported type: {@link CharSequence} (including {@link String}). At most one per method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface UserQuery {}
