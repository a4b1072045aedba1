package dev.agentotel.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import dev.agentotel.telemetry.Redactor;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;

/**
 * Which {@link OpenTelemetry} the woven code uses: the one installed through
 * {@link dev.agentotel.telemetry.AgentTelemetry}, else {@link GlobalOpenTelemetry} once something
 * has set it (the Java agent, a framework, the application), else nothing, at near-zero cost.
 *
 * <p>{@link GlobalOpenTelemetry#get()} is only called once the global is set (or global
 * autoconfiguration is switched on): calling it earlier would pin the global to the no-op
 * instance and make the application's own {@code GlobalOpenTelemetry.set} fail.
 */
public final class TelemetryState {

    private static final boolean GLOBAL_AUTOCONFIGURE =
            Config.getBoolean("otel.java.global-autoconfigure.enabled", false);

    /** An installed instance with the redaction it was installed with, published together. */
    private record Installation(OpenTelemetry openTelemetry, ContentPolicy.Extensions extensions) {}

    private static volatile Installation installed;
    private static volatile Instruments instruments;

    private TelemetryState() {}

    /** Used by {@link dev.agentotel.telemetry.AgentTelemetry}; {@code null} uninstalls. */
    public static void install(OpenTelemetry openTelemetry) {
        install(openTelemetry, List.of(), Map.of());
    }

    /**
     * Installs {@code openTelemetry} with the redactors and redaction patterns (kind to regular
     * expression) given to {@code AgentTelemetry.Builder}; {@code null} uninstalls.
     */
    public static void install(OpenTelemetry openTelemetry, List<Redactor> redactors, Map<String, String> patterns) {
        installed = openTelemetry == null
                ? null
                : new Installation(openTelemetry, new ContentPolicy.Extensions(List.copyOf(redactors), Map.copyOf(patterns)));
    }

    /** The instance the woven code uses now, or {@code null} when none is set up. */
    public static OpenTelemetry current() {
        Installation installation = installed;
        if (installation != null) {
            return installation.openTelemetry();
        }
        return GLOBAL_AUTOCONFIGURE || GlobalState.isSet() ? GlobalOpenTelemetry.get() : null;
    }

    /** Checked by the aspect's {@code if()} pointcut before anything else happens. */
    public static boolean isActive() {
        try {
            return instruments() != null;
        } catch (Throwable t) {
            SafeLog.warnOnce("TelemetryState.isActive", t);
            return false;
        }
    }

    /** The instruments of the current instance, or {@code null} when nothing would be recorded. */
    static Instruments instruments() {
        Installation installation = installed;
        OpenTelemetry otel = installation != null ? installation.openTelemetry() : current();
        if (otel == null) {
            return null;
        }
        Instruments current = instruments;
        ContentPolicy.Extensions installedExtensions =
                installation != null ? installation.extensions() : ContentPolicy.Extensions.NONE;
        if (current == null || current.openTelemetry != otel || current.extensions != installedExtensions) {
            current = new Instruments(otel, installedExtensions);
            instruments = current;
        }
        return current.recording ? current : null;
    }

    /**
     * Ends the span of every streamed LLM call recorded into {@code openTelemetry} that is still
     * open (error.type {@code shutdown}): called when its installation closes, before the SDK
     * shuts down, so that they are exported rather than lost. Never throws.
     */
    public static void endOpenStreams(OpenTelemetry openTelemetry) {
        try {
            Instruments current = instruments;
            if (current != null && current.openTelemetry == openTelemetry) {
                current.streams.abandonAll(dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE_SHUTDOWN);
            }
        } catch (Throwable t) {
            SafeLog.warnOnce("TelemetryState.endOpenStreams", t);
        }
    }

    /** Whether the global instance is looked up without {@code GlobalOpenTelemetry}'s lock. */
    static boolean readsGlobalWithoutLock() {
        return GlobalState.FIELD != null;
    }

    /**
     * Whether {@link GlobalOpenTelemetry} is set, asked on every annotated call while nothing is
     * installed. {@code GlobalOpenTelemetry.isSet()} takes a lock each time, which would cost the
     * calls of an application without OpenTelemetry a monitor (and make its threads contend on
     * it), so the volatile field behind it is read instead when it can be. The OpenTelemetry Java
     * agent answers {@code isSet()} with {@code true} while leaving that field empty; that answer
     * cannot change, so it is kept. Without access to the field, {@code isSet()} is asked.
     */
    private static final class GlobalState {

        private static final VarHandle FIELD = field();
        private static final boolean BRIDGED =
                FIELD != null && GlobalOpenTelemetry.isSet() && (OpenTelemetry) FIELD.getVolatile() == null;

        static boolean isSet() {
            if (FIELD == null) {
                return GlobalOpenTelemetry.isSet();
            }
            return BRIDGED || (OpenTelemetry) FIELD.getVolatile() != null;
        }

        private static VarHandle field() {
            try {
                return MethodHandles.privateLookupIn(GlobalOpenTelemetry.class, MethodHandles.lookup())
                        .findStaticVarHandle(GlobalOpenTelemetry.class, "globalOpenTelemetry", OpenTelemetry.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
