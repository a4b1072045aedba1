package com.example.agents.reliability;

import dev.agentotel.telemetry.GenAiResponse;
import java.util.List;
import java.util.function.Supplier;

/** A response whose every getter fails with what {@code fault} supplies (an exception or an {@code Error}). */
public final class FaultyResponse implements GenAiResponse {

    private final Supplier<? extends RuntimeException> fault;
    private final Error error;

    private FaultyResponse(Supplier<? extends RuntimeException> fault, Error error) {
        this.fault = fault;
        this.error = error;
    }

    /** Getters throw a new exception from {@code fault}. */
    public static FaultyResponse throwing(Supplier<? extends RuntimeException> fault) {
        return new FaultyResponse(fault, null);
    }

    /** Getters throw {@code error}. */
    public static FaultyResponse failingWith(Error error) {
        return new FaultyResponse(null, error);
    }

    private RuntimeException fail() {
        if (error != null) {
            throw error;
        }
        throw fault.get();
    }

    @Override
    public String responseModel() {
        throw fail();
    }

    @Override
    public String responseId() {
        throw fail();
    }

    @Override
    public long inputTokens() {
        throw fail();
    }

    @Override
    public long outputTokens() {
        throw fail();
    }

    @Override
    public List<String> finishReasons() {
        throw fail();
    }
}
