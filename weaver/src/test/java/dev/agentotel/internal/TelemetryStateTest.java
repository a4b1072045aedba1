package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryStateTest {

    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void theGlobalInstanceIsLookedUpWithoutGlobalOpenTelemetrysLock() {
        // Fails when OpenTelemetry renames the field behind GlobalOpenTelemetry.isSet(): with
        // nothing set up, every annotated call would then take a monitor.
        assertThat(TelemetryState.readsGlobalWithoutLock()).isTrue();
    }

    @Test
    void settingAndResettingTheGlobalInstanceIsSeenByTheNextCall() {
        GlobalOpenTelemetry.resetForTest();
        assertThat(TelemetryState.current()).isNull();

        GlobalOpenTelemetry.set(OpenTelemetry.noop());
        assertThat(TelemetryState.current()).isNotNull();

        GlobalOpenTelemetry.resetForTest();
        assertThat(TelemetryState.current()).isNull();
        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }
}
