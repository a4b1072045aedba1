package dev.agentotel.benchmarks;

import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole agent run per operation: {@code invoke_agent} → {@code agent.iteration} → chat + tool,
 * with session baggage and five metric points: {@link PlainAgent} ({@link #baseline}),
 * {@link HandWrittenAgent} and {@link AnnotatedAgent}, on the same SDK as {@link LlmCallBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(3)
public class AgentRunBenchmark {

    static final String SESSION_ID = "session-7f3a9c";
    static final String QUESTION = "How tall is the Eiffel Tower in feet?";

    CannedChat model;
    PlainAgent plain;
    AnnotatedAgent annotated;

    @Setup
    public void setUp() {
        model = new CannedChat(Fixtures.completion());
        plain = new PlainAgent(model, Fixtures.request());
        annotated = new AnnotatedAgent(model, Fixtures.request());
    }

    /** The SDK of the recording rows, after checking that both rows record the same telemetry. */
    @State(Scope.Benchmark)
    public static class Recording {
        OpenTelemetrySdk sdk;
        HandWrittenAgent handWritten;
        AgentTelemetry agentotel;

        @Setup
        public void setUp(AgentRunBenchmark benchmark) {
            SameTelemetry.check(
                    "hand-written",
                    otel -> new HandWrittenAgent(otel, benchmark.model, Fixtures.request()).answer(SESSION_ID, QUESTION),
                    "agentotel", otel -> {
                        try (AgentTelemetry installed = AgentTelemetry.install(otel)) {
                            benchmark.annotated.answer(SESSION_ID, QUESTION);
                        }
                    });
            sdk = BenchmarkSdk.create();
            handWritten = new HandWrittenAgent(sdk, benchmark.model, Fixtures.request());
            agentotel = AgentTelemetry.install(sdk);
        }

        @TearDown
        public void tearDown() {
            agentotel.close();
            sdk.close();
        }
    }

    @Benchmark
    public String baseline() {
        return plain.answer(SESSION_ID, QUESTION);
    }

    @Benchmark
    public String handWritten(Recording recording) {
        return recording.handWritten.answer(SESSION_ID, QUESTION);
    }

    @Benchmark
    public String agentotel(Recording recording) {
        return annotated.answer(SESSION_ID, QUESTION);
    }
}
