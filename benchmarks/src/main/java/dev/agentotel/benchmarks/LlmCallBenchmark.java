package dev.agentotel.benchmarks;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code @LlmCall} (a chat completion with every request parameter and a response with usage)
 * per operation:
 *
 * <ul>
 *   <li>{@link #baseline}: the call without telemetry (the floor);
 *   <li>{@link #handWritten}: {@link HandWrittenChat}, the code users would otherwise write;
 *   <li>{@link #agentotel}: the same call annotated and woven, same SDK;
 *   <li>{@link #disabled}: the woven call with no OpenTelemetry set up, against
 *       {@link #noopSpan}, a span of the no-op API around the plain call.
 * </ul>
 *
 * Every benchmark runs in forks of its own, so {@link Recording}'s SDK exists only where used.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(5)
public class LlmCallBenchmark {

    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Call {
        final ChatCompletionCreateParams params = Fixtures.request();
        final CannedChat chat = new CannedChat(Fixtures.completion());
    }

    /** The SDK of the recording rows, after checking that both rows record the same telemetry. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Recording {
        OpenTelemetrySdk sdk;
        HandWrittenChat handWritten;
        AgentTelemetry agentotel;

        @Setup
        public void setUp(Call call) {
            SameTelemetry.check(
                    "hand-written", otel -> new HandWrittenChat(otel, call.chat).chat(call.params),
                    "agentotel", otel -> {
                        try (AgentTelemetry installed = AgentTelemetry.install(otel)) {
                            call.chat.chat(call.params);
                        }
                    });
            sdk = BenchmarkSdk.create();
            handWritten = new HandWrittenChat(sdk, call.chat);
            agentotel = AgentTelemetry.install(sdk);
        }

        @TearDown
        public void tearDown() {
            agentotel.close();
            sdk.close();
        }
    }

    /** Nothing set up: no installation, no global instance. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class NoTelemetry {
        final Tracer noopTracer = OpenTelemetry.noop().getTracer(HandWrittenChat.SCOPE);

        @Setup
        public void setUp() {
            if (AgentTelemetry.get() != OpenTelemetry.noop()) {
                throw new IllegalStateException("OpenTelemetry is set up in this fork: " + AgentTelemetry.get());
            }
        }
    }

    @Benchmark
    public ChatCompletion baseline(Call call) {
        return call.chat.create(call.params);
    }

    @Benchmark
    public ChatCompletion handWritten(Call call, Recording recording) {
        return recording.handWritten.chat(call.params);
    }

    @Benchmark
    public ChatCompletion agentotel(Call call, Recording recording) {
        return call.chat.chat(call.params);
    }

    @Benchmark
    public ChatCompletion disabled(Call call, NoTelemetry none) {
        return call.chat.chat(call.params);
    }

    /** What hand-written code costs with the no-op API: start a span, make it current, end it. */
    @Benchmark
    public ChatCompletion noopSpan(Call call, NoTelemetry none) {
        Span span = none.noopTracer.spanBuilder("chat").setSpanKind(SpanKind.CLIENT).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return call.chat.create(call.params);
        } finally {
            span.end();
        }
    }
}
