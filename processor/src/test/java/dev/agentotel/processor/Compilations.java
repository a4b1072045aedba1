package dev.agentotel.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, and the representative {@code com.acme.WeatherAgent} shared by tests. */
final class Compilations {

    /** Lint options of the project's own build: generated code must compile cleanly under them. */
    static final String LINT = "-Xlint:all,-processing,-options";

    static final String WEATHER_AGENT = "com.acme.WeatherAgent";
    static final String WEATHER_AGENT_TELEMETRY = "com.acme.WeatherAgent_AgentTelemetry";
    static final String INNER_TELEMETRY = "com.acme.WeatherAgent_Inner_AgentTelemetry";

    private Compilations() {}

    static Compilation compile(JavaFileObject... sources) {
        return compile(List.of(new AgentOtelProcessor()), sources);
    }

    /** Compiles with these processors, which javac runs in this order in each round. */
    static Compilation compile(List<Processor> processors, JavaFileObject... sources) {
        return Compiler.javac().withProcessors(processors).withOptions(LINT).compile(sources);
    }

    static Compilation compileWeatherAgent() {
        return compile(JavaFileObjects.forResource("sources/com/acme/WeatherAgent.java"));
    }

    /** The text of a generated source file, failing when it was not generated. */
    static String generatedSource(Compilation compilation, String qualifiedName) {
        JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated; generated: "
                        + compilation.generatedSourceFiles()));
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
