package dev.agentotel.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on every annotated method by the weaver itself ({@code declare @method} in
 * {@code AgentOtelAspect}), in the same pass that weaves its advice in: a method that has it went
 * through agentotel's weaving. {@link WeaveVerification} checks for it after the build's weaving
 * step. Never written by hand.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Woven {}
