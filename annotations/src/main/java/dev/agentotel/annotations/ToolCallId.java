package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link Tool} method that holds the model's id for this tool call
 * (for example OpenAI's {@code call_...}): it becomes {@code gen_ai.tool.call.id}.
 *
 * <p>Supported type: {@link CharSequence} (including {@link String}). At most one per method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ToolCallId {}
