package com.example.agents.load;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An OTLP/HTTP endpoint that is down in one of three ways. */
abstract class DeadCollector implements AutoCloseable {

    /** Requests that reached the endpoint (none when it refuses connections). */
    final AtomicInteger requests = new AtomicInteger();
    /** Responses it sent. */
    final AtomicInteger responses = new AtomicInteger();

    /** The base endpoint to configure as {@code otel.exporter.otlp.endpoint}. */
    abstract String endpoint();

    /** A closed port: every connection is refused. */
    static DeadCollector refusing() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DeadCollector() {
            @Override
            String endpoint() {
                return "http://127.0.0.1:" + port;
            }

            @Override
            public void close() {}
        };
    }

    /** Answers every request with {@code 503 Service Unavailable}, at once. */
    static DeadCollector unavailable() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DeadCollector collector = new DeadCollector() {
            @Override
            String endpoint() {
                return "http://127.0.0.1:" + server.getAddress().getPort();
            }

            @Override
            public void close() {
                server.stop(0);
            }
        };
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            collector.requests.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            collector.responses.incrementAndGet();
        });
        server.start();
        return collector;
    }

    /** Accepts connections and reads requests but never answers, until {@link Hanging#recover()}. */
    static Hanging hanging() {
        return new Hanging();
    }

    /** A plain socket server speaking just enough HTTP/1.1 to read OTLP requests, and answer them once recovered. */
    static final class Hanging extends DeadCollector {

        private final ServerSocket server;
        private final CountDownLatch recovered = new CountDownLatch(1);
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        Hanging() {
            try {
                server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = new Thread(this::accept, "hanging-collector");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        String endpoint() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        /** From now on, answers the request it holds and all later ones with {@code 200}. */
        void recover() {
            recovered.countDown();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    Thread connection = new Thread(() -> serve(socket), "hanging-collector-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                while (readRequest(in)) {
                    requests.incrementAndGet();
                    recovered.await();
                    // An empty protobuf ExportTraceServiceResponse: the export succeeded.
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    responses.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                // The client gave up or the collector closed: the connection is over.
            }
        }

        /** Reads one request (headers, then a Content-Length body); {@code false} at end of stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            long length = 0;
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring("content-length:".length()).trim());
                }
            }
            in.skipNBytes(length);
            return true;
        }

        @Override
        public void close() {
            recovered.countDown();
            try {
                server.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
        }
    }
}
