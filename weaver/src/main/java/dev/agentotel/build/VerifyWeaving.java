package dev.agentotel.build;

import dev.agentotel.internal.WeaveVerification;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The build's weave verification step: fails the build when an annotated method of the module
 * was not woven, or was not checked by the annotation processor. Run it after the aspectj-maven-plugin,
 * in the same phase, with the module's compile class path (README, "Use it in your project"):
 * exec-maven-plugin goal {@code java}, main class {@code dev.agentotel.build.VerifyWeaving},
 * argument {@code ${project.build.outputDirectory}}.
 */
public final class VerifyWeaving {

    private VerifyWeaving() {}

    /**
     * @param args the classes directory to verify
     * @throws IllegalStateException with the full report when verification fails, which fails the build
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("[agentotel] VerifyWeaving takes one argument, the classes directory"
                    + " (${project.build.outputDirectory}); got " + args.length);
        }
        WeaveVerification.Result result = WeaveVerification.verify(
                Path.of(args[0]), Thread.currentThread().getContextClassLoader());
        for (String id : result.outOfProcessorSight()) {
            System.out.println("[agentotel] WARNING " + id + " is in a local or anonymous class, which annotation"
                    + " processors cannot see: it is woven, but not validated at compile time. Move it to a named class.");
        }
        if (result.failed()) {
            throw new IllegalStateException(result.report());
        }
        System.out.println(result.report());
    }
}
