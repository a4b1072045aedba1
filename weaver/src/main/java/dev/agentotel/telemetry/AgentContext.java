package dev.agentotel.telemetry;

import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Carries the current agent run, iteration and span to work that runs on other threads.
 *
 * <p>OpenTelemetry keeps the current span (and agentotel its run state: iteration numbering,
 * session baggage) in a thread-local {@link Context}. A task handed to an executor, a
 * {@code CompletableFuture.supplyAsync} or a new thread (platform or virtual) starts with an empty
 * context, so an {@code @Tool}, {@code @LlmCall} or {@code @Iteration} method it runs would start
 * a trace of its own instead of joining the run. Wrap the executor once, or the task, and the
 * context current at <em>submission</em> is current while the task runs:
 *
 * <pre>{@code
 * ExecutorService tools = AgentContext.wrap(Executors.newFixedThreadPool(4));
 * // or, on Java 21+: AgentContext.wrap(Executors.newVirtualThreadPerTaskExecutor())
 * List<Future<String>> results = tools.invokeAll(calls);            // children of the iteration
 *
 * CompletableFuture<String> answer = AgentContext.supplyAsync(() -> search(query));
 * Thread.ofVirtual().start(AgentContext.wrap(() -> calculate(expression)));
 * }</pre>
 *
 * <p>Dependent stages ({@code thenApply}, {@code whenComplete}, ...) run on whichever thread
 * completes the future; give them a wrapped executor ({@code thenApplyAsync(fn, tools)}) when
 * they call annotated methods. Work submitted from a thread that has no current span is
 * unaffected. These are thin views of {@code io.opentelemetry.context.Context}; code that
 * already uses {@code Context.taskWrapping} needs nothing from here.
 */
public final class AgentContext {

    private AgentContext() {}

    /** An executor that runs each task in the context current when the task was submitted. */
    public static Executor wrap(Executor executor) {
        return Context.taskWrapping(Objects.requireNonNull(executor, "executor"));
    }

    /**
     * An executor service that runs each task in the context current when the task was
     * submitted; shutting it down shuts {@code executor} down.
     */
    public static ExecutorService wrap(ExecutorService executor) {
        return Context.taskWrapping(Objects.requireNonNull(executor, "executor"));
    }

    /** As {@link #wrap(ExecutorService)}, for scheduled tasks too. */
    public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
        return Context.taskWrapping(Objects.requireNonNull(executor, "executor"));
    }

    /** {@code task}, run in the context current now, whichever thread runs it. */
    public static Runnable wrap(Runnable task) {
        return Context.current().wrap(Objects.requireNonNull(task, "task"));
    }

    /** {@link CompletableFuture#supplyAsync(Supplier)} (the common pool) in the current context. */
    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier) {
        return CompletableFuture.supplyAsync(Context.current().wrapSupplier(Objects.requireNonNull(supplier, "supplier")));
    }

    /** {@link CompletableFuture#supplyAsync(Supplier, Executor)} in the current context. */
    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier, Executor executor) {
        return CompletableFuture.supplyAsync(
                Context.current().wrapSupplier(Objects.requireNonNull(supplier, "supplier")),
                Objects.requireNonNull(executor, "executor"));
    }

    /** {@link CompletableFuture#runAsync(Runnable, Executor)} in the current context. */
    public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        return CompletableFuture.runAsync(wrap(task), Objects.requireNonNull(executor, "executor"));
    }
}
