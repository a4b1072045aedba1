package dev.agentotel.internal;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream that hands each element of its source to a reader before passing it on, unchanged and
 * in order, and reports how the source ended. Exceptions of the source pass through as the same
 * instance; a reader that fails is logged once and the element still reaches the consumer.
 */
final class ObservedStream<T> implements Spliterator<T>, Consumer<T> {

    /** What happens to an observed stream. Each method is called on the consuming thread. */
    interface Events {
        /** An element arrived at {@code nanoTime} and was read. */
        void element(long nanoTime);

        /** The source has no more elements. */
        void exhausted();

        /** The source failed with {@code failure}, which the consumer is about to receive. */
        void failed(Throwable failure);

        /** The stream was closed, or its consumer failed; possibly before the end. */
        void closed();
    }

    private final Spliterator<T> source;
    private final Consumer<? super T> reader;
    private final Events events;
    private Consumer<? super T> downstream;
    private boolean inConsumer;

    private ObservedStream(Spliterator<T> source, Consumer<? super T> reader, Events events) {
        this.source = source;
        this.reader = reader;
        this.events = events;
    }

    /**
     * {@code source} observed; closing the result closes {@code source}. The source's spliterator
     * is taken only when the result's terminal operation starts, as it would be unobserved.
     */
    static <T> Stream<T> of(Stream<T> source, Consumer<? super T> reader, Events events) {
        Stream<T> observed = StreamSupport.stream(
                () -> new ObservedStream<T>(source.spliterator(), reader, events), Spliterator.ORDERED, false);
        return observed.onClose(() -> {
            try {
                source.close();
            } finally {
                events.closed();
            }
        });
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        downstream = action;
        boolean advanced;
        try {
            advanced = source.tryAdvance(this);
        } catch (Throwable failure) {
            if (inConsumer) {
                // The consumer's own exception: the call did not fail, its reader gave up.
                inConsumer = false;
                events.closed();
            } else {
                events.failed(failure);
            }
            throw failure;
        }
        if (!advanced) {
            events.exhausted();
        }
        return advanced;
    }

    @Override
    public void accept(T element) {
        long now = System.nanoTime();
        try {
            reader.accept(element);
            events.element(now);
        } catch (Throwable t) {
            SafeLog.warnOnce("stream chunk", t);
        }
        inConsumer = true;
        downstream.accept(element);
        inConsumer = false;
    }

    @Override
    public Spliterator<T> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return source.estimateSize();
    }

    @Override
    public int characteristics() {
        return source.characteristics() & ~(SIZED | SUBSIZED | SORTED);
    }
}
