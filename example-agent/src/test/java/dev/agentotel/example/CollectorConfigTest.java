package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.common.AttributeKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code collector/otel-collector.yaml}, the configuration README tells users to run: every
 * component a pipeline names is defined, the sampling policies are the documented ones, and the
 * content the collector strips is spelled as agentotel spells it. No collector binary is
 * available to the build, so this checks the file's structure, not a running collector.
 */
class CollectorConfigTest {

    private static final Path CONFIG = Path.of("collector", "otel-collector.yaml");

    private final JsonNode config = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(CONFIG.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + CONFIG.toAbsolutePath(), e);
        }
    }

    @Test
    void everyComponentAPipelineNamesIsDefined() {
        JsonNode pipelines = config.at("/service/pipelines");
        assertThat(names(pipelines)).containsExactlyInAnyOrder("traces", "metrics");
        for (String section : List.of("receivers", "processors", "exporters")) {
            pipelines.forEach(pipeline -> pipeline.path(section).forEach(component ->
                    assertThat(config.path(section).has(component.asText()))
                            .as("%s '%s' is defined", section, component.asText()).isTrue()));
        }
        assertThat(texts(config.at("/service/pipelines/traces/exporters"))).containsExactly("otlp");
        assertThat(texts(config.at("/service/pipelines/metrics/exporters"))).containsExactly("prometheusremotewrite");
        // memory_limiter first, batch last: the collector's recommended order.
        assertThat(texts(config.at("/service/pipelines/traces/processors")))
                .containsExactly("memory_limiter", "tail_sampling", "attributes/content", "batch");
    }

    @Test
    void receivesOtlpOnTheDefaultPorts() {
        assertThat(config.at("/receivers/otlp/protocols/grpc/endpoint").asText()).endsWith(":4317");
        assertThat(config.at("/receivers/otlp/protocols/http/endpoint").asText()).endsWith(":4318");
    }

    @Test
    void tailSamplingKeepsErrorsSlowRunsAndTenPercentOfTheRest() {
        Map<String, JsonNode> policies = new HashMap<>();
        config.at("/processors/tail_sampling/policies").forEach(p -> policies.put(p.path("type").asText(), p));

        assertThat(policies).containsOnlyKeys("status_code", "latency", "probabilistic");
        assertThat(texts(policies.get("status_code").at("/status_code/status_codes"))).containsExactly("ERROR");
        assertThat(policies.get("latency").at("/latency/threshold_ms").asInt()).isEqualTo(5000);
        assertThat(policies.get("probabilistic").at("/probabilistic/sampling_percentage").asDouble()).isEqualTo(10.0);
    }

    @Test
    void capturedContentIsDeletedAndTheUserQueryHashed() {
        Map<String, String> actions = new HashMap<>();
        config.at("/processors/attributes~1content/actions")
                .forEach(a -> actions.put(a.path("key").asText(), a.path("action").asText()));

        assertThat(actions).containsEntry(GenAiAttributes.AGENT_USER_QUERY_TEXT.getKey(), "hash");
        for (AttributeKey<String> content : List.of(GenAiAttributes.GEN_AI_INPUT_MESSAGES,
                GenAiAttributes.GEN_AI_OUTPUT_MESSAGES, GenAiAttributes.GEN_AI_SYSTEM_INSTRUCTIONS,
                GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS, GenAiAttributes.GEN_AI_TOOL_CALL_RESULT)) {
            assertThat(actions).containsEntry(content.getKey(), "delete");
        }
    }

    @Test
    void backendsComeFromTheEnvironment() {
        assertThat(config.at("/exporters/otlp/endpoint").asText()).isEqualTo("${env:OTLP_BACKEND_ENDPOINT}");
        assertThat(config.at("/exporters/prometheusremotewrite/endpoint").asText())
                .isEqualTo("${env:PROMETHEUS_REMOTE_WRITE_URL}");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
