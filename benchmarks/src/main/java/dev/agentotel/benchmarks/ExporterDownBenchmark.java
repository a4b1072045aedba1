package dev.agentotel.benchmarks;

import dev.agentotel.telemetry.AgentTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The agent run of {@link AgentRunBenchmark} while the OTLP collector is down (accepts connections and
 * never answers, so the batch processor's one export stays stuck and its queue full), against the same
 * run exporting to a {@linkplain BenchmarkSdk discarding exporter} and without telemetry. Telemetry
 * with the collector down must cost the agent no more than with it up: the 5 % target is
 * {@link #collectorDown} / {@link #collectorUp}. Installed like a user installs it:
 * {@code AgentTelemetry.install()} with the real OTLP/HTTP exporter, default exporter timeout (10 s),
 * default queue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(3)
public class ExporterDownBenchmark {

    CannedChat model;
    PlainAgent plain;
    AnnotatedAgent annotated;

    @Setup
    public void setUp() {
        model = new CannedChat(Fixtures.completion());
        plain = new PlainAgent(model, Fixtures.request());
        annotated = new AnnotatedAgent(model, Fixtures.request());
    }

    /** Telemetry exporting through a batch processor to an exporter that discards at once. */
    @State(Scope.Benchmark)
    public static class CollectorUp {
        OpenTelemetrySdk sdk;
        AgentTelemetry agentotel;

        @Setup
        public void setUp() {
            sdk = BenchmarkSdk.create();
            agentotel = AgentTelemetry.install(sdk);
        }

        @TearDown
        public void tearDown() {
            agentotel.close();
            sdk.close();
        }
    }

    /** Telemetry installed from properties, exporting over OTLP/HTTP to a collector that never answers. */
    @State(Scope.Benchmark)
    public static class CollectorDown {
        HangingCollector collector;
        AgentTelemetry agentotel;

        @Setup
        public void setUp() {
            collector = new HangingCollector();
            agentotel = AgentTelemetry.builder()
                    .defaultProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.port())
                    .defaultProperty("otel.metrics.exporter", "none")
                    .defaultProperty("otel.logs.exporter", "none")
                    .install();
        }

        @TearDown
        public void tearDown() {
            collector.close(); // the stuck export fails, so that shutting down does not wait for its timeout
            agentotel.close();
        }
    }

    @Benchmark
    public String baseline() {
        return plain.answer(AgentRunBenchmark.SESSION_ID, AgentRunBenchmark.QUESTION);
    }

    @Benchmark
    public String collectorUp(CollectorUp telemetry) {
        return annotated.answer(AgentRunBenchmark.SESSION_ID, AgentRunBenchmark.QUESTION);
    }

    @Benchmark
    public String collectorDown(CollectorDown telemetry) {
        return annotated.answer(AgentRunBenchmark.SESSION_ID, AgentRunBenchmark.QUESTION);
    }

    /** Accepts connections and reads what it is sent; never answers. */
    static final class HangingCollector implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        HangingCollector() {
            try {
                server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(this::accept, "hanging-collector");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    connections.add(socket);
                    Thread reader = new Thread(() -> drain(socket), "hanging-collector-connection");
                    reader.setDaemon(true);
                    reader.start();
                }
            } catch (IOException e) {
                // Closed.
            }
        }

        private static void drain(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // Closed.
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : connections) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
