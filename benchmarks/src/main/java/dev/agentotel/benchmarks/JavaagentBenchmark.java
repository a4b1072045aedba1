package dev.agentotel.benchmarks;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LLM call of {@link LlmCallBenchmark} under the OpenTelemetry Java agent, in forks started
 * with {@code -javaagent} (paths relative to the repository root, where {@code benchmarks/run}
 * runs JMH): {@link WithSpanChat#chat} with the same span attributes as agentotel records
 * ({@link #withSpan}), the bare {@code @WithSpan} span ({@link #spanOnly}) and the unannotated call
 * ({@link #baseline}).
 *
 * <p>The agent exports like the SDK of the other rows: batch span processor, the
 * {@code discard} exporter of this module's extension jar. Its metrics and logs exporters are off
 * (the {@code @WithSpan} path records no metrics anyway), and of its instrumentations only the two
 * this code reaches are on: {@code @WithSpan} and the bridge of the application's
 * OpenTelemetry API (for {@code Span.current()}). The others would not fire in the measured code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 5, jvmArgsAppend = {
        "-javaagent:benchmarks/target/opentelemetry-javaagent.jar",
        "-Dotel.javaagent.extensions=benchmarks/target/agentotel-benchmarks-agent-extension.jar",
        "-Dotel.traces.exporter=discard",
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.instrumentation.common.default-enabled=false",
        "-Dotel.instrumentation.opentelemetry-api.enabled=true",
        "-Dotel.instrumentation.opentelemetry-instrumentation-annotations.enabled=true"})
public class JavaagentBenchmark {

    ChatCompletionCreateParams params;
    CannedChat chat;
    WithSpanChat withSpan;

    @Setup
    public void setUp() {
        params = Fixtures.request();
        chat = new CannedChat(Fixtures.completion());
        withSpan = new WithSpanChat(chat);
        if (!withSpan.agentAttached()) {
            throw new IllegalStateException("No OpenTelemetry Java agent recorded the @WithSpan span. Run JMH from the"
                    + " repository root with benchmarks/target/opentelemetry-javaagent.jar and"
                    + " benchmarks/target/agentotel-benchmarks-agent-extension.jar built (benchmarks/run does both).");
        }
    }

    @Benchmark
    public ChatCompletion baseline() {
        return chat.create(params);
    }

    @Benchmark
    public ChatCompletion withSpan() {
        return withSpan.chat(params);
    }

    @Benchmark
    public ChatCompletion spanOnly() {
        return withSpan.spanOnly(params);
    }
}
