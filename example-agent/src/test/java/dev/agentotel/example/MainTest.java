package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's run command in-process: answer first, then the waterfall of the run. */
class MainTest {

    @Test
    void printsTheAnswerThenAWaterfallWithThreeIterations() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Main.run(Main.DEFAULT_QUESTION, Map.of(), new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Answer:   The Eiffel Tower is 330 metres tall, which is about 1082.68 feet.");
        int answerAt = output.indexOf("Answer:");
        int waterfallAt = output.indexOf("\ntrace ");
        assertThat(waterfallAt).isGreaterThan(answerAt);
        String waterfall = output.substring(waterfallAt + 1);
        assertThat(waterfall.lines().findFirst().orElseThrow()).contains("3 iterations", "289 in / 71 out tokens");
        assertThat(waterfall).contains(
                "invoke_agent research-assistant",
                "├─ agent.iteration #0",
                "└─ agent.iteration #2",
                "chat gpt-4o",
                "execute_tool search_knowledge_base",
                "execute_tool calculator",
                "tool_calls",
                "stop");
        // The retrieval service started here records into its own SDK, yet joins the waterfall:
        // two searches, each over HTTP to the service's SERVER span and its vector_search.
        assertThat(output).contains("Search:   retrieval-service at http://127.0.0.1:");
        assertThat(waterfall.lines().filter(line -> line.contains("POST /search") && line.endsWith("retrieval-service")))
                .hasSize(2);
        assertThat(waterfall.lines().filter(line -> line.contains("vector_search") && line.contains("INTERNAL")))
                .hasSize(2);
        assertThat(waterfall.lines().filter(line -> line.startsWith("trace "))).hasSize(1);
    }
}
