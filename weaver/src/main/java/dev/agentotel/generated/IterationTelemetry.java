package dev.agentotel.generated;

/** Descriptor of an {@link dev.agentotel.annotations.Iteration @Iteration} method. */
public abstract class IterationTelemetry extends MethodTelemetry {

    protected IterationTelemetry() {}

    /**
     * Whether the iteration finished the run, read from the result: {@code Boolean.TRUE} or
     * {@code Boolean.FALSE} when the return type says ({@code boolean}, {@link Boolean},
     * {@link java.util.Optional}); {@code null} when it cannot tell.
     */
    public Boolean completed(Object result) {
        return null;
    }
}
