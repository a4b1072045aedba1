package dev.agentotel.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.telemetry.TelemetrySurface.Attribute;
import dev.agentotel.telemetry.TelemetrySurface.LlmRequest;
import dev.agentotel.telemetry.TelemetrySurface.LlmResponse;
import dev.agentotel.telemetry.TelemetrySurface.Presence;
import dev.agentotel.telemetry.TelemetrySurface.Surface;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The surface's own consistency: only {@link GenAiAttributes} names, each once per surface, every
 * span attribute of {@link GenAiAttributes} placed somewhere, and content only with capture on.
 * That it matches what the runtime emits is tested where real spans are recorded: the example
 * agent's trace and the integration tests.
 */
class TelemetrySurfaceTest {

    /** Attributes that are never on an agentotel span: metric-only, event-only, resource or read-only. */
    private static final Set<AttributeKey<?>> NOT_SPAN_ATTRIBUTES = Set.of(
            GenAiAttributes.GEN_AI_TOKEN_TYPE,
            GenAiAttributes.AGENT_MAX_ITERATIONS_EXCEEDED,
            GenAiAttributes.EXCEPTION_TYPE,
            GenAiAttributes.EXCEPTION_MESSAGE,
            GenAiAttributes.EXCEPTION_STACKTRACE,
            GenAiAttributes.SERVICE_NAME,
            GenAiAttributes.TELEMETRY_DISTRO_NAME,
            GenAiAttributes.TELEMETRY_DISTRO_VERSION,
            GenAiAttributes.AI_AGENT_FRAMEWORK,
            GenAiAttributes.DEPLOYMENT_ENVIRONMENT_NAME);

    private static final Set<AttributeKey<?>> CONTENT = Set.of(
            GenAiAttributes.GEN_AI_INPUT_MESSAGES,
            GenAiAttributes.GEN_AI_OUTPUT_MESSAGES,
            GenAiAttributes.GEN_AI_SYSTEM_INSTRUCTIONS,
            GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS,
            GenAiAttributes.GEN_AI_TOOL_CALL_RESULT,
            GenAiAttributes.AGENT_USER_QUERY_TEXT,
            GenAiAttributes.AGENT_CONTENT_TRUNCATED);

    static List<Surface> everySurface() {
        List<Surface> surfaces = new ArrayList<>(List.of(
                TelemetrySurface.agentRun(), TelemetrySurface.iteration(), TelemetrySurface.tool()));
        for (LlmRequest request : LlmRequest.values()) {
            for (LlmResponse response : LlmResponse.values()) {
                surfaces.add(TelemetrySurface.llmCall(request, response));
            }
        }
        return surfaces;
    }

    private static List<Object> constantsOf(Class<?> type) throws IllegalAccessException {
        List<Object> constants = new ArrayList<>();
        for (Field field : GenAiAttributes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && type.isAssignableFrom(field.getType())) {
                constants.add(field.get(null));
            }
        }
        return constants;
    }

    @Test
    void namesEverythingWithGenAiAttributesConstants() throws IllegalAccessException {
        List<Object> keys = constantsOf(AttributeKey.class);
        List<Object> names = constantsOf(String.class);

        for (Surface surface : everySurface()) {
            assertThat(surface.attributes()).extracting(Attribute::key).allSatisfy(key -> assertThat(keys).contains(key));
            assertThat(surface.events()).allSatisfy(event -> assertThat(names).contains(event));
            assertThat(surface.metrics()).allSatisfy(metric -> assertThat(names).contains(metric));
        }
    }

    @Test
    void listsEachAttributeEventAndMetricOncePerSurface() {
        for (Surface surface : everySurface()) {
            assertThat(surface.attributes()).extracting(Attribute::key).doesNotHaveDuplicates();
            assertThat(surface.events()).doesNotHaveDuplicates();
            assertThat(surface.metrics()).doesNotHaveDuplicates();
        }
    }

    @Test
    void placesEverySpanAttributeOfGenAiAttributes() throws IllegalAccessException {
        Set<AttributeKey<?>> placed = everySurface().stream()
                .flatMap(surface -> surface.attributes().stream())
                .map(Attribute::key)
                .collect(Collectors.toSet());
        Set<Object> expected = new HashSet<>(constantsOf(AttributeKey.class));
        expected.removeAll(NOT_SPAN_ATTRIBUTES);

        assertThat(placed).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(key -> (AttributeKey<?>) key).collect(Collectors.toList()));
    }

    @Test
    void contentIsOnlyEverThereWithCaptureOn() {
        for (Surface surface : everySurface()) {
            for (Attribute attribute : surface.attributes()) {
                assertThat(attribute.presence() == Presence.CONTENT_CAPTURE)
                        .as("%s", attribute)
                        .isEqualTo(CONTENT.contains(attribute.key()));
            }
        }
    }

    @Test
    void runIsServerAtTheRootAndInternalWhenNestedModelCallsAreClients() {
        assertThat(TelemetrySurface.agentRun().kind()).isEqualTo(SpanKind.SERVER);
        assertThat(TelemetrySurface.agentRun().kindWhenNested()).isEqualTo(SpanKind.INTERNAL);
        assertThat(TelemetrySurface.iteration().kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(TelemetrySurface.tool().kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(TelemetrySurface.llmCall(LlmRequest.NONE, LlmResponse.GEN_AI_RESPONSE).kind()).isEqualTo(SpanKind.CLIENT);
    }

    @Test
    void onlyStreamsHaveChunkTimingsAndOnlyMessageApisHaveMessages() {
        Surface stream = TelemetrySurface.llmCall(LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION_STREAM);
        Surface chat = TelemetrySurface.llmCall(LlmRequest.CHAT_COMPLETIONS, LlmResponse.CHAT_COMPLETION);
        Surface embeddings = TelemetrySurface.llmCall(LlmRequest.EMBEDDINGS, LlmResponse.EMBEDDINGS);

        assertThat(stream.allows(GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isTrue();
        assertThat(stream.metrics()).contains(GenAiAttributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK);
        assertThat(chat.allows(GenAiAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isFalse();
        assertThat(chat.metrics()).doesNotContain(GenAiAttributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK);
        assertThat(chat.keys(Presence.CONTENT_CAPTURE)).contains(
                GenAiAttributes.GEN_AI_INPUT_MESSAGES, GenAiAttributes.GEN_AI_OUTPUT_MESSAGES);
        assertThat(embeddings.keys(Presence.CONTENT_CAPTURE)).isEmpty();
        assertThat(embeddings.allows(GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS)).isFalse();
    }
}
