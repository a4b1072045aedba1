package dev.agentotel.generated;

/**
 * Descriptor of an {@link dev.agentotel.annotations.LlmCall @LlmCall} method.
 *
 * @param <R> the response value the generated code reads: the method's return type for
 *     {@link Completion#RETURN}, the future's value type for {@link Completion#FUTURE}, the chunk
 *     type for {@link Completion#STREAM}
 */
public abstract class LlmCallTelemetry<R> extends MethodTelemetry {

    /** When the call ends, decided at compile time from the method's return type. */
    public enum Completion {
        /** When the method returns (a {@code ChatCompletion}, say). */
        RETURN,
        /** When the returned {@code CompletableFuture} or {@code CompletionStage} completes. */
        FUTURE,
        /** When the returned stream is exhausted, fails or is closed; see {@link #observeStream}. */
        STREAM
    }

    private final String operation;
    private final String provider;
    private final String model;
    private final Completion completion;

    /**
     * A call that ends when the method returns.
     *
     * @param operation {@code LlmCall.operation()}
     * @param provider {@code LlmCall.provider()}
     * @param model {@code LlmCall.model()}, {@code ""} when not set
     */
    protected LlmCallTelemetry(String operation, String provider, String model) {
        this(operation, provider, model, Completion.RETURN);
    }

    /** A call that ends as {@code completion} says. */
    protected LlmCallTelemetry(String operation, String provider, String model, Completion completion) {
        this.operation = operation;
        this.provider = provider;
        this.model = model;
        this.completion = completion;
    }

    /** When the call ends. */
    public final Completion completion() {
        return completion;
    }

    public final String operation() {
        return operation;
    }

    public final String provider() {
        return provider;
    }

    /** The model named on the annotation, {@code ""} when none. */
    public final String model() {
        return model;
    }

    /** Reads the request from the arguments; called before the span starts. */
    public void request(Object[] args, LlmRequest request) {}

    /**
     * Reads the response: the returned value, the future's value, or (streams) one chunk. Never
     * {@code null}. The default reads a {@link dev.agentotel.telemetry.GenAiResponse}, so that any
     * return type implementing it works without generated code.
     */
    public void response(R result, LlmResponse response) {
        if (result instanceof dev.agentotel.telemetry.GenAiResponse) {
            GenAiResponses.read((dev.agentotel.telemetry.GenAiResponse) result, response);
        }
    }

    /**
     * {@link Completion#STREAM} only: returns a stand-in for the stream the method returned that
     * behaves identically (same chunks, same order, same exceptions) while reading each chunk and
     * reporting its end to {@code stream}. The default returns {@code null}: the stream cannot be
     * observed, and the runtime ends the span when the method returns.
     */
    public Object observeStream(Object returned, LlmStream stream) {
        return null;
    }

    /**
     * Content capture only: reports the request's messages (not those of a {@code @Redact}
     * request parameter). Called before the call.
     */
    public void requestContent(Object[] args, LlmContent content) {}

    /** Content capture only: reports the response's messages ({@link Completion#RETURN} and {@link Completion#FUTURE}). */
    public void responseContent(R result, LlmContent content) {}

    /**
     * The {@code error.type} for a failure the generated code knows better than the runtime (the
     * HTTP status code of an openai-java service error), or {@code null} to let the runtime use
     * the exception's class name.
     */
    public String errorType(Throwable error) {
        return null;
    }
}
