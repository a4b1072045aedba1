package dev.agentotel.generated;

/**
 * Descriptor of an {@link dev.agentotel.annotations.LlmCall @LlmCall} method.
 *
 * @param <R> the method's declared return type, which the generated code knows how to read
 */
public abstract class LlmCallTelemetry<R> extends MethodTelemetry {

    private final String operation;
    private final String provider;
    private final String model;

    /**
     * @param operation {@code LlmCall.operation()}
     * @param provider {@code LlmCall.provider()}
     * @param model {@code LlmCall.model()}, {@code ""} when not set
     */
    protected LlmCallTelemetry(String operation, String provider, String model) {
        this.operation = operation;
        this.provider = provider;
        this.model = model;
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

    /** Reads the response; called after the method returned normally. {@code result} may be {@code null}. */
    public void response(R result, LlmResponse response) {}

    /**
     * The {@code error.type} for a failure the generated code knows better than the runtime (the
     * HTTP status code of an openai-java service error), or {@code null} to let the runtime use
     * the exception's class name.
     */
    public String errorType(Throwable error) {
        return null;
    }
}
