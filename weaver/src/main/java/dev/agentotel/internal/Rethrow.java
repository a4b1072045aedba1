package dev.agentotel.internal;

/**
 * Rethrows a caught {@link Throwable} unchanged, checked or not. The woven method declared it, so
 * its callers expect exactly that instance; ajc types {@code proceed()} as throwing
 * {@code Throwable}, which plain {@code throw} cannot pass on without wrapping.
 */
public final class Rethrow {

    private Rethrow() {}

    /** Always throws {@code failure} itself; declared to return so call sites can write {@code throw}. */
    public static RuntimeException unchecked(Throwable failure) {
        throw Rethrow.<RuntimeException>sneaky(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable failure) throws T {
        throw (T) failure;
    }
}
