package dev.agentotel.internal;

/** The agentotel version, read once from the jar manifest (written by the build). */
public final class Versions {

    public static final String AGENTOTEL = read();

    private Versions() {}

    private static String read() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
