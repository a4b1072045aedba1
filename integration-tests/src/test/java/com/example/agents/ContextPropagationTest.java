package com.example.agents;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.telemetry.AgentContext;
import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spans of annotated methods that run on other threads: with {@link AgentContext} they keep their
 * parent (and the run's iteration numbering and session baggage); without it they start traces of
 * their own, the pitfall the helper exists for.
 */
class ContextPropagationTest {

    private static final String SESSION = "session-threads";

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    private final ParallelAgent agent = new ParallelAgent();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void parallelToolCallsOnAWrappedExecutorAreChildrenOfTheirIteration() {
        List<String> results = agent.parallelTools(SESSION, List.of("a", "b"), AgentContext.wrap(pool));

        assertToolsAreChildrenOfTheIteration(2);
        // The tools really ran on pool threads, and saw the run's baggage there.
        assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result)
                .contains("|pool-").endsWith("|" + SESSION));
    }

    @Test
    void supplyAsyncHelperOnTheCommonPoolKeepsTheParent() {
        List<String> results = agent.dispatchedTools(SESSION, List.of("a", "b", "c"),
                query -> AgentContext.supplyAsync(() -> agent.lookup("call-" + query, query)));

        assertToolsAreChildrenOfTheIteration(3);
        assertThat(results).allSatisfy(result -> assertThat(result).endsWith("|" + SESSION));
    }

    @Test
    void wrappedRunnableKeepsTheParentOnAPlainThread() {
        List<String> results = agent.dispatchedTools(SESSION, List.of("a"), query -> {
            var future = new java.util.concurrent.CompletableFuture<String>();
            Thread thread = new Thread(AgentContext.wrap(() -> future.complete(agent.lookup("call-" + query, query))));
            thread.start();
            return future;
        });

        assertToolsAreChildrenOfTheIteration(1);
        assertThat(results.get(0)).contains("|Thread-");
    }

    @Test
    void withoutTheHelperToolsOnAnotherThreadStartTracesOfTheirOwn() {
        agent.parallelTools(SESSION, List.of("a", "b"), pool);

        SpanData iteration = telemetry.span("agent.iteration");
        List<SpanData> tools = tools();
        assertThat(tools).hasSize(2).allSatisfy(tool -> {
            assertThat(tool.getParentSpanContext().isValid()).isFalse();
            assertThat(tool.getTraceId()).isNotEqualTo(iteration.getTraceId());
        });
    }

    @Test
    void iterationsRunOnAWorkerAreNumberedWithinTheirRun() {
        agent.iterationsOnWorkers(SESSION, 3, AgentContext.wrap(pool));

        SpanData run = telemetry.span("invoke_agent parallel-agent");
        List<SpanData> iterations = telemetry.spans().stream()
                .filter(s -> s.getName().equals("agent.iteration"))
                .collect(Collectors.toList());
        assertThat(iterations).hasSize(3).allSatisfy(i -> assertThat(i).hasParent(run));
        assertThat(iterations).extracting(i -> i.getAttributes().get(GenAiAttributes.AGENT_ITERATION_NUMBER))
                .containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(run.getAttributes().get(GenAiAttributes.AGENT_ITERATION_COUNT)).isEqualTo(3L);
        assertThat(tools()).hasSize(3).allSatisfy(tool -> assertThat(tool.getTraceId()).isEqualTo(run.getTraceId()));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsKeepTheParentThroughAWrappedExecutor() throws Throwable {
        // Compiled for Java 17, so the Java 21 factory is looked up rather than called directly.
        ExecutorService virtual = (ExecutorService) MethodHandles.publicLookup()
                .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                .invoke();
        ExecutorService wrapped = AgentContext.wrap(virtual);
        try {
            List<String> results = agent.parallelTools(SESSION, List.of("a", "b", "c", "d"), wrapped);

            assertToolsAreChildrenOfTheIteration(4);
            // Virtual threads have no name by default, so only the baggage tells where they ran.
            assertThat(results).allSatisfy(result -> assertThat(result).endsWith("|" + SESSION));
        } finally {
            wrapped.shutdownNow();
        }
    }

    @Test
    void concurrentRunsNeverShareSpans() throws Exception {
        ExecutorService tools = AgentContext.wrap(Executors.newFixedThreadPool(4));
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String session = "session-" + i;
                runs.add(pool.submit(() -> agent.parallelTools(session, List.of("x", "y", "z"), tools)));
            }
            for (Future<List<String>> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            tools.shutdownNow();
        }

        List<SpanData> spans = telemetry.spans();
        var runsByTrace = spans.stream().filter(s -> s.getName().startsWith("invoke_agent"))
                .collect(Collectors.toMap(SpanData::getTraceId, s -> s));
        assertThat(runsByTrace).hasSize(40);
        var byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        List<SpanData> toolSpans = tools();
        assertThat(toolSpans).hasSize(120).allSatisfy(tool -> {
            SpanData iteration = byId.get(tool.getParentSpanContext().getSpanId());
            assertThat(iteration).isNotNull();
            assertThat(iteration.getName()).isEqualTo("agent.iteration");
            SpanData run = byId.get(iteration.getParentSpanContext().getSpanId());
            assertThat(run).isSameAs(runsByTrace.get(tool.getTraceId()));
        });
        // Each run's three tools answered with that run's own session from its baggage.
        Set<String> traces = toolSpans.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
        assertThat(traces).hasSize(40);
    }

    private void assertToolsAreChildrenOfTheIteration(int count) {
        SpanData run = telemetry.span("invoke_agent parallel-agent");
        SpanData iteration = telemetry.span("agent.iteration");
        assertThat(iteration).hasParent(run);
        assertThat(tools()).hasSize(count).allSatisfy(tool -> assertThat(tool)
                .hasParent(iteration)
                .hasTraceId(run.getTraceId()));
    }

    private List<SpanData> tools() {
        return telemetry.spans().stream()
                .filter(s -> s.getName().equals("execute_tool lookup"))
                .collect(Collectors.toList());
    }
}
