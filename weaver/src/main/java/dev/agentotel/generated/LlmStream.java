package dev.agentotel.generated;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The runtime's side of one streamed LLM call, given to {@link LlmCallTelemetry#observeStream}.
 * Chunk values arrive through the {@link LlmResponse} methods, where a later value replaces an
 * earlier one (each chunk repeats the response id and model); finish reasons arrive per choice.
 * The span ends at the first of: the stream is exhausted, it fails, it is closed.
 */
public interface LlmStream extends LlmResponse {

    /**
     * The finish reason of choice {@code index}; reported in choice order at the end. Indexes
     * beyond the first 128 choices are ignored.
     */
    void finishReason(long index, String finishReason);

    /** A piece of choice {@code index}'s text; kept only when content capture is on. */
    void contentDelta(long index, String text);

    /**
     * Opens the chunk stream through {@code source} and returns it wrapped: each chunk goes to
     * {@code reader} and then on to the consumer unchanged; exhausting or failing the stream ends
     * the span, and closing the returned stream closes the source. A failure of {@code source}
     * itself ends the span with that failure and is rethrown unchanged. Only the first call is
     * observed: later ones return {@code source}'s stream as it is.
     */
    <T> Stream<T> observe(Supplier<Stream<T>> source, Consumer<? super T> reader);

    /** The stream's owner was closed, possibly before the end: ends the span if still open. */
    void closed();
}
