package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenStreamsTest {

    /** A stream that records how it was abandoned. */
    private static final class Recording implements OpenStreams.Stream {
        final List<String> abandoned = new CopyOnWriteArrayList<>();
        volatile long activity = System.nanoTime();

        @Override
        public long lastActivityNanos() {
            return activity;
        }

        @Override
        public void abandon(String errorType) {
            abandoned.add(errorType);
        }
    }

    @Test
    void readsDurationsAndFallsBackToTenMinutes() {
        assertThat(OpenStreams.timeoutNanos(null)).isEqualTo(TimeUnit.MINUTES.toNanos(10));
        assertThat(OpenStreams.timeoutNanos("200ms")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(OpenStreams.timeoutNanos("750")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(750));
        assertThat(OpenStreams.timeoutNanos("30s")).isEqualTo(TimeUnit.SECONDS.toNanos(30));
        assertThat(OpenStreams.timeoutNanos("2m")).isEqualTo(TimeUnit.MINUTES.toNanos(2));
        assertThat(OpenStreams.timeoutNanos("1h")).isEqualTo(TimeUnit.HOURS.toNanos(1));
        assertThat(OpenStreams.timeoutNanos("0")).isZero();
        assertThat(OpenStreams.timeoutNanos("-5s")).isEqualTo(OpenStreams.DEFAULT_TIMEOUT_NANOS);
        assertThat(OpenStreams.timeoutNanos("soon")).isEqualTo(OpenStreams.DEFAULT_TIMEOUT_NANOS);
    }

    @Test
    void aStreamThatEndedIsNeitherWatchedNorAbandoned() {
        OpenStreams streams = new OpenStreams(TimeUnit.MINUTES.toNanos(10));
        Recording ended = new Recording();
        Recording open = new Recording();
        streams.add(ended);
        streams.add(open);

        streams.remove(ended);
        streams.abandonAll("shutdown");

        assertThat(ended.abandoned).isEmpty();
        assertThat(open.abandoned).containsExactly("shutdown");
        assertThat(streams.size()).isZero();
    }

    @Test
    void anIdleStreamIsAbandonedOnceAfterTheTimeout() throws InterruptedException {
        OpenStreams streams = new OpenStreams(TimeUnit.MILLISECONDS.toNanos(50));
        Recording idle = new Recording();
        streams.add(idle);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (idle.abandoned.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        streams.abandonAll("shutdown");

        assertThat(idle.abandoned).containsExactly("timeout");
        assertThat(streams.size()).isZero();
    }

    @Test
    void withTheTimeoutOffOnlyCloseAbandons() {
        OpenStreams streams = new OpenStreams(0);
        Recording stream = new Recording();
        stream.activity = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
        streams.add(stream);

        assertThat(stream.abandoned).isEmpty();
        streams.abandonAll("shutdown");
        assertThat(stream.abandoned).containsExactly("shutdown");
    }
}
