package com.example.agents.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Records what agentotel logs (the {@code dev.agentotel} logger and its children) during each test. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private static final Logger LOGGER = Logger.getLogger("dev.agentotel");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        handler.setLevel(Level.ALL);
        LOGGER.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LOGGER.removeHandler(handler);
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records whose thrown exception is of {@code type}. */
    List<LogRecord> thrown(Class<? extends Throwable> type) {
        return matching(r -> type.isInstance(r.getThrown()));
    }

    /** The records whose message contains {@code text}. */
    List<LogRecord> containing(String text) {
        return matching(r -> r.getMessage() != null && r.getMessage().contains(text));
    }

    List<LogRecord> matching(Predicate<LogRecord> predicate) {
        return records.stream().filter(predicate).collect(Collectors.toList());
    }

    /** One line per record, for the tests' printed figures. */
    String summary() {
        return records.stream()
                .map(r -> r.getLevel() + " " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown().getClass().getName() + ")"))
                .collect(Collectors.joining("\n  ", "  ", ""));
    }
}
