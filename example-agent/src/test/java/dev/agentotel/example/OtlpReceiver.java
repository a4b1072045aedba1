package dev.agentotel.example;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP peer in the test JVM, on a free localhost port: gRPC (grpc-java over Netty, the
 * OTLP services generated in {@code opentelemetry-proto}) or HTTP/protobuf ({@code /v1/traces},
 * {@code /v1/metrics}, {@code /v1/logs}). Keeps every request, parsed and as raw bytes.
 */
final class OtlpReceiver implements AutoCloseable {

    private final List<ExportTraceServiceRequest> traces = new ArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new ArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final Server grpcServer;
    private final HttpServer httpServer;

    private OtlpReceiver(boolean grpc) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (grpc) {
            httpServer = null;
            grpcServer = NettyServerBuilder.forAddress(loopback)
                    .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                        @Override
                        public void export(ExportTraceServiceRequest request,
                                StreamObserver<ExportTraceServiceResponse> response) {
                            keep(traces, request, request.toByteArray());
                            response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                            response.onCompleted();
                        }
                    })
                    .addService(new MetricsServiceGrpc.MetricsServiceImplBase() {
                        @Override
                        public void export(ExportMetricsServiceRequest request,
                                StreamObserver<ExportMetricsServiceResponse> response) {
                            keep(metrics, request, request.toByteArray());
                            response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                            response.onCompleted();
                        }
                    })
                    .addService(new LogsServiceGrpc.LogsServiceImplBase() {
                        @Override
                        public void export(ExportLogsServiceRequest request,
                                StreamObserver<ExportLogsServiceResponse> response) {
                            keep(null, request, request.toByteArray());
                            response.onNext(ExportLogsServiceResponse.getDefaultInstance());
                            response.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } else {
            grpcServer = null;
            httpServer = HttpServer.create(loopback, 0);
            httpServer.createContext("/", this::handleHttp);
            httpServer.start();
        }
    }

    /** An OTLP/gRPC receiver. */
    static OtlpReceiver grpc() throws IOException {
        return new OtlpReceiver(true);
    }

    /** An OTLP/HTTP (protobuf) receiver. */
    static OtlpReceiver http() throws IOException {
        return new OtlpReceiver(false);
    }

    /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String endpoint() {
        int port = grpcServer != null ? grpcServer.getPort() : httpServer.getAddress().getPort();
        return "http://127.0.0.1:" + port;
    }

    synchronized List<ResourceSpans> resourceSpans() {
        return traces.stream().flatMap(r -> r.getResourceSpansList().stream()).toList();
    }

    synchronized List<ResourceMetrics> resourceMetrics() {
        return metrics.stream().flatMap(r -> r.getResourceMetricsList().stream()).toList();
    }

    /** Every request body received, concatenated: traces, metrics and logs. */
    synchronized byte[] rawBytes() {
        return raw.toByteArray();
    }

    private synchronized <T> void keep(List<T> requests, T request, byte[] bytes) {
        if (requests != null) {
            requests.add(request);
        }
        raw.writeBytes(bytes);
    }

    private void handleHttp(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = 200;
            try {
                switch (exchange.getRequestURI().getPath()) {
                    case "/v1/traces" -> keep(traces, ExportTraceServiceRequest.parseFrom(body), body);
                    case "/v1/metrics" -> keep(metrics, ExportMetricsServiceRequest.parseFrom(body), body);
                    case "/v1/logs" -> keep(null, ExportLogsServiceRequest.parseFrom(body), body);
                    default -> status = 404;
                }
            } catch (InvalidProtocolBufferException e) {
                status = 400;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        if (grpcServer != null) {
            grpcServer.shutdownNow();
            try {
                grpcServer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while stopping", e));
            }
        } else {
            httpServer.stop(0);
        }
    }
}
