package dev.agentotel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool the agent can call: every call becomes an {@code INTERNAL} span named
 * {@code execute_tool {name}}, a child of the iteration that called it.
 *
 * <p>The span carries {@code gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.name},
 * {@code gen_ai.tool.type=function}, {@code gen_ai.tool.description} (when set),
 * {@code gen_ai.tool.call.id} (from a parameter marked {@link ToolCallId}) and, when the method
 * returns a {@link java.util.Collection}, a {@link java.util.Map} or an array,
 * {@code agent.tool.result_count}. Failures set status {@code ERROR} and {@code error.type}. Each
 * call records the metric {@code gen_ai.execute_tool.duration}. Tool arguments and results are
 * never recorded unless content capture is switched on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** {@code gen_ai.tool.name}, the name the model calls the tool by; the method name when empty. */
    String name() default "";

    /** {@code gen_ai.tool.description}; omitted when empty. */
    String description() default "";
}
