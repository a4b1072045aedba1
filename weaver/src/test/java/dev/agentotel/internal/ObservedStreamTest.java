package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ObservedStreamTest {

    /** Records the events, in order. */
    private static final class Recorder implements ObservedStream.Events {
        final List<String> events = new ArrayList<>();

        @Override
        public void element(long nanoTime) {
            events.add("element");
        }

        @Override
        public void exhausted() {
            events.add("exhausted");
        }

        @Override
        public void failed(Throwable failure) {
            events.add("failed:" + failure.getMessage());
        }

        @Override
        public void closed() {
            events.add("closed");
        }
    }

    @Test
    void passesEveryElementOnInOrderAfterTheReaderAndReportsTheEnd() {
        Recorder recorder = new Recorder();
        List<String> read = new ArrayList<>();

        List<String> consumed = ObservedStream.of(Stream.of("a", "b", "c"), read::add, recorder)
                .map(String::toUpperCase)
                .collect(Collectors.toList());

        assertThat(consumed).containsExactly("A", "B", "C");
        assertThat(read).containsExactly("a", "b", "c");
        assertThat(recorder.events).containsExactly("element", "element", "element", "exhausted");
    }

    @Test
    void aFailingSourceReachesTheConsumerAsTheSameInstance() {
        IllegalStateException boom = new IllegalStateException("boom");
        Iterator<String> failing = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (next++ == 1) {
                    throw boom;
                }
                return "x";
            }
        };
        Recorder recorder = new Recorder();
        List<String> consumed = new ArrayList<>();

        Throwable thrown = catchThrowable(() -> ObservedStream.of(Stream.generate(failing::next), chunk -> { }, recorder)
                .forEach(consumed::add));

        assertThat(thrown).isSameAs(boom);
        assertThat(consumed).containsExactly("x");
        assertThat(recorder.events).containsExactly("element", "failed:boom");
    }

    @Test
    void aFailingConsumerIsNotTheCallsFailure() {
        Recorder recorder = new Recorder();
        RuntimeException consumerFailure = new RuntimeException("consumer");

        Throwable thrown = catchThrowable(() -> ObservedStream.of(Stream.of("a", "b"), chunk -> { }, recorder)
                .forEach(chunk -> {
                    throw consumerFailure;
                }));

        assertThat(thrown).isSameAs(consumerFailure);
        assertThat(recorder.events).containsExactly("element", "closed");
    }

    @Test
    void aFailingReaderIsLoggedAndTheElementStillArrives() {
        Recorder recorder = new Recorder();

        List<String> consumed = ObservedStream.of(Stream.of("a", "b"), chunk -> {
            throw new IllegalArgumentException("reader bug");
        }, recorder).collect(Collectors.toList());

        assertThat(consumed).containsExactly("a", "b");
        assertThat(recorder.events).containsExactly("exhausted");
    }

    @Test
    void closingClosesTheSourceAndReportsIt() {
        Recorder recorder = new Recorder();
        AtomicBoolean sourceClosed = new AtomicBoolean();
        Stream<String> source = Stream.of("a", "b").onClose(() -> sourceClosed.set(true));

        try (Stream<String> observed = ObservedStream.of(source, chunk -> { }, recorder)) {
            assertThat(observed.findFirst()).contains("a");
        }

        assertThat(sourceClosed).isTrue();
        assertThat(recorder.events).containsExactly("element", "closed");
    }
}
