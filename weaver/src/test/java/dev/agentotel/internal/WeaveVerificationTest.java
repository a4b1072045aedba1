package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.Tool;
import dev.agentotel.build.VerifyWeaving;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification step on real class files: this module's test classes are compiled but never
 * woven, so the fixture's methods carry the weaver's {@link Woven} mark only where it is written by
 * hand here, to stand for a method the weaver processed.
 */
class WeaveVerificationTest {

    private static final String RUN = Fixture.class.getName() + "#run(java.lang.String)";
    private static final String STEP = Fixture.class.getName() + "#step()";
    private static final String TOOL = Fixture.class.getName() + "#lookup(java.lang.String,int[])";

    @TempDir
    Path classes;

    /** Stands for a user's class after a build: {@code run} and {@code step} woven, {@code lookup} not. */
    static class Fixture {
        @AgentRun(name = "fixture")
        @Woven
        String run(String question) {
            return question;
        }

        @Iteration
        @Woven
        boolean step() {
            return true;
        }

        @Tool(name = "lookup")
        static String lookup(String query, int[] limits) {
            return query;
        }

        String notAnnotated() {
            return "";
        }

        Supplier<String> local() {
            class Local implements Supplier<String> {
                @Tool(name = "local_tool")
                @Woven
                @Override
                public String get() {
                    return "";
                }
            }
            return new Local();
        }
    }

    @Test
    void anUnwovenMethodFailsWithWhatWhyAndHowToFix() throws IOException {
        copyFixture();
        listJoinPoints(RUN, STEP, TOOL);

        WeaveVerification.Result result = verify();

        assertThat(result.failed()).isTrue();
        assertThat(result.unwoven()).containsExactly(TOOL);
        assertThat(result.unlisted()).isEmpty();
        assertThat(result.report()).startsWith("[agentotel] Weave verification failed.\n"
                + "1 annotated method was not woven, so the annotation would do nothing at run time:\n  "
                + TOOL + " (@Tool)\nWhy: agentotel's aspect is added by the aspectj-maven-plugin")
                .contains("Fix: configure the plugin exactly as README's \"Use it in your project\" shows");
    }

    @Test
    void everythingWovenAndListedPassesWithASummary() throws IOException {
        copyClass(AllWoven.class.getName(), AllWoven.class);
        String run = AllWoven.class.getName() + "#run(java.lang.String)";
        String get = AllWoven.class.getName() + "#get()";
        listJoinPoints(run, get);

        WeaveVerification.Result result = verify();

        assertThat(result.failed()).as(result.report()).isFalse();
        // Supplier<String>.get() also has a bridge get() returning Object, annotated by javac: not counted.
        assertThat(result.annotated()).containsOnlyKeys(run, get);
        assertThat(result.report()).isEqualTo("[agentotel] Weave verification: 2 annotated methods, all woven.");
    }

    @Test
    void withoutTheProcessorsListTheMethodsWereNotChecked() throws IOException {
        copyFixture();

        WeaveVerification.Result result = verify();

        assertThat(result.processorRan()).isFalse();
        assertThat(result.unlisted()).containsExactlyInAnyOrder(RUN, STEP, TOOL);
        assertThat(result.report()).contains("3 annotated methods were not checked by the agentotel annotation processor:",
                "Why: the processor did not run", "Fix: add agentotel-processor to the maven-compiler-plugin's annotationProcessorPaths");
    }

    @Test
    void aListedMethodMissingFromTheClassesFails() throws IOException {
        copyFixture();
        String gone = Fixture.class.getName() + "#removed()";
        listJoinPoints(RUN, STEP, TOOL, gone);

        WeaveVerification.Result result = verify();

        assertThat(result.missing()).containsExactly(gone);
        assertThat(result.report()).contains("1 method the processor instrumented could not be found in the compiled classes:\n  " + gone);
    }

    @Test
    void localClassesAreBeyondTheProcessorAndOnlyWarned() throws IOException {
        copyFixture();
        listJoinPoints(RUN, STEP, TOOL);

        WeaveVerification.Result result = verify();

        assertThat(result.outOfProcessorSight()).containsExactly(localTool());
        assertThat(result.unlisted()).isEmpty();
    }

    @Test
    void aClassThatCannotBeLoadedIsReportedNotGuessed() throws IOException {
        Path broken = classes.resolve("com/acme/Broken.class");
        Files.createDirectories(broken.getParent());
        Files.write(broken, new byte[] {1, 2, 3});
        listJoinPoints("com.acme.Broken#run()");

        WeaveVerification.Result result = verify();

        assertThat(result.uninspectable()).singleElement().asString().startsWith("com.acme.Broken: ");
        assertThat(result.missing()).containsExactly("com.acme.Broken#run()");
        assertThat(result.report()).contains("could not be loaded (com.acme.Broken: ");
    }

    @Test
    void theBuildStepThrowsTheReportOrPrintsTheSummary() throws IOException {
        copyFixture();
        listJoinPoints(RUN, STEP, TOOL);

        assertThatThrownBy(() -> VerifyWeaving.main(new String[] {classes.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("[agentotel] Weave verification failed.")
                .hasMessageContaining(TOOL);
        assertThatThrownBy(() -> VerifyWeaving.main(new String[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one argument, the classes directory");
    }

    private WeaveVerification.Result verify() throws IOException {
        return WeaveVerification.verify(classes, getClass().getClassLoader());
    }

    /** A class whose annotated methods were all woven, one of them behind a javac bridge method. */
    static class AllWoven implements Supplier<String> {
        @AgentRun(name = "fixture")
        @Woven
        String run(String question) {
            return question;
        }

        @Tool(name = "get")
        @Woven
        @Override
        public String get() {
            return "";
        }
    }

    private void copyFixture() throws IOException {
        copyClass(Fixture.class.getName(), Fixture.class);
        copyClass(localClassName(), Fixture.class);
    }

    private static String localClassName() {
        return Fixture.class.getName() + "$1Local";
    }

    private static String localTool() {
        return localClassName() + "#get()";
    }

    private void copyClass(String className, Class<?> anchor) throws IOException {
        String resource = "/" + className.replace('.', '/') + ".class";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Path target = classFile(className);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        }
    }

    private Path classFile(String className) {
        return classes.resolve(className.replace('.', '/') + ".class");
    }

    private void listJoinPoints(String... ids) throws IOException {
        Path list = classes.resolve(WeaveVerification.JOIN_POINTS);
        Files.createDirectories(list.getParent());
        Files.write(list, List.of(ids), StandardCharsets.UTF_8);
    }
}
