package com.example.agents;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_FINAL_ANSWER_LENGTH;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COMPLETED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_MAX;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_MAX_ITERATIONS_EXCEEDED;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_USER_QUERY_HASH;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.EXCEPTION_MESSAGE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_DESCRIPTION;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_AGENT_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_CALL_ID;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_DESCRIPTION;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_TOOL_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_AGENT_ITERATIONS;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_EXECUTE_TOOL_DURATION;
import static dev.agentotel.telemetry.GenAiAttributes.METRIC_INVOKE_AGENT_DURATION;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentotel.telemetry.GenAiAttributes;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WeavingTest {

    @RegisterExtension
    final TelemetryFixture telemetry = new TelemetryFixture();

    @Test
    void privateToolCalledFromInsideItsClassGetsASpan() {
        int count = new ToolBox().countWords("one two  three");

        assertThat(count).isEqualTo(3);
        SpanData span = telemetry.span("execute_tool split_words");
        assertThat(span)
                .hasKind(SpanKind.INTERNAL)
                .hasAttributes(Attributes.builder()
                        .put(GEN_AI_OPERATION_NAME, "execute_tool")
                        .put(GEN_AI_TOOL_NAME, "split_words")
                        .put(GEN_AI_TOOL_TYPE, "function")
                        .put(GEN_AI_TOOL_DESCRIPTION, "Splits text into words")
                        .put(AGENT_TOOL_RESULT_COUNT, 3L)
                        .build());
        assertThat(telemetry.histogram(METRIC_EXECUTE_TOOL_DURATION))
                .singleElement()
                .satisfies(p -> assertThat(p.getAttributes()).isEqualTo(Attributes.of(GEN_AI_TOOL_NAME, "split_words")));
    }

    @Test
    void aToolCalledThroughItsGenericInterfaceGetsOneSpanNotOnePerBridge() {
        java.util.function.Function<String, String> tool = new UppercaseTool();

        assertThat(tool.apply("ok")).isEqualTo("OK");
        assertThat(telemetry.spans()).extracting(SpanData::getName).containsExactly("execute_tool uppercase");
    }

    @Test
    void defaultAndStaticInterfaceMethodsAreInstrumented() {
        Greeter greeter = () -> "bot";

        assertThat(greeter.greet("call_7", "Ada")).isEqualTo("Hello Ada, I am bot");
        assertThat(Greeter.farewell("Ada")).isEqualTo("Goodbye Ada");
        assertThat(telemetry.span("execute_tool greet"))
                .hasAttributesSatisfying(a -> assertThat(a.get(GEN_AI_TOOL_CALL_ID)).isEqualTo("call_7"));
        assertThat(telemetry.span("execute_tool farewell")).hasKind(SpanKind.INTERNAL);
    }

    @Test
    void staticToolIsNamedAfterTheMethodAndCarriesTheCallId() {
        String result = ToolBox.shout("call_42", "hi");

        assertThat(result).isEqualTo("HI");
        assertThat(telemetry.span("execute_tool shout"))
                .hasAttributesSatisfying(a -> assertThat(a.get(GEN_AI_TOOL_CALL_ID)).isEqualTo("call_42"));
    }

    @Test
    void argumentsOfEveryParameterCountReachTheMethodAndTheSpanUnchanged() {
        String converted = ToolBox.convert(10.0, "EUR", "USD", 2, "call_5");
        String booked = new ToolBox().bookTrip("PAR", "LON", 2, 45_000L, 2.5, true, "call_7");

        assertThat(converted).isEqualTo("15.00 EUR->USD");
        assertThat(booked).isEqualTo("PAR-LON 2 45000 2.5 true");
        assertThat(telemetry.span("execute_tool convert"))
                .hasAttributesSatisfying(a -> assertThat(a.get(GEN_AI_TOOL_CALL_ID)).isEqualTo("call_5"));
        assertThat(telemetry.span("execute_tool book_trip"))
                .hasAttributesSatisfying(a -> assertThat(a.get(GEN_AI_TOOL_CALL_ID)).isEqualTo("call_7"));
    }

    @Test
    void checkedExceptionPropagatesAsTheSameInstanceAndMarksTheSpan() {
        IOException failure = new IOException("disk full for bob@example.com");

        Throwable thrown = catchThrowable(() -> new ToolBox().fail(failure));

        assertThat(thrown).isSameAs(failure);
        SpanData span = telemetry.span("execute_tool failing_tool");
        assertThat(span).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR));
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.IOException");
        assertThat(span.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().get(EXCEPTION_MESSAGE)).isEqualTo("disk full for [REDACTED:EMAIL]");
        });
        assertThat(telemetry.histogram(METRIC_EXECUTE_TOOL_DURATION))
                .singleElement()
                .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.IOException"));
    }

    @Test
    void runtimeExceptionFromARunPropagatesUnchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> new Orchestrator().failWith(failure)).isSameAs(failure);

        SpanData run = telemetry.span("invoke_agent failing-agent");
        assertThat(run).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR));
        assertThat(run.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
        assertThat(telemetry.histogram(METRIC_INVOKE_AGENT_DURATION))
                .singleElement()
                .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException"));
    }

    @Test
    void runAtTheRootIsAServerSpanWithNumberedIterationsAsChildren() {
        LoopAgent agent = new LoopAgent(1);

        String answer = agent.run("session-7", "what is the answer?");

        assertThat(answer).isEqualTo("done after 2");
        SpanData run = telemetry.span("invoke_agent loop-agent");
        assertThat(run)
                .hasKind(SpanKind.SERVER)
                .hasNoParent()
                .hasAttributes(Attributes.builder()
                        .put(GEN_AI_OPERATION_NAME, "invoke_agent")
                        .put(GEN_AI_AGENT_NAME, "loop-agent")
                        .put(GEN_AI_AGENT_ID, "loop-1")
                        .put(GEN_AI_AGENT_DESCRIPTION, "Loops until done")
                        .put(GEN_AI_PROVIDER_NAME, "openai")
                        .put(GEN_AI_CONVERSATION_ID, "session-7")
                        .put(AGENT_ITERATION_MAX, 3L)
                        .put(AGENT_ITERATION_COUNT, 2L)
                        .put(AGENT_FINAL_ANSWER_LENGTH, (long) "done after 2".length())
                        .put(AGENT_USER_QUERY_HASH, run.getAttributes().get(AGENT_USER_QUERY_HASH))
                        .build());
        assertThat(run.getAttributes().get(AGENT_USER_QUERY_HASH)).matches("[0-9a-f]{64}");
        assertThat(run.getEvents()).isEmpty();

        List<SpanData> iterations = telemetry.spans().stream()
                .filter(s -> s.getName().equals("agent.iteration"))
                .toList();
        assertThat(iterations).hasSize(2);
        for (int i = 0; i < 2; i++) {
            SpanData iteration = iterations.get(i);
            assertThat(iteration)
                    .hasKind(SpanKind.INTERNAL)
                    .hasParent(run)
                    .hasAttributes(Attributes.builder()
                            .put(AGENT_ITERATION_NUMBER, (long) i)
                            .put(AGENT_ITERATION_MAX, 3L)
                            .put(AGENT_ITERATION_COMPLETED, i == 1)
                            .build());
        }
        assertThat(agent.baggageSeen()).containsExactly("session-7", "session-7");
        assertThat(telemetry.histogram(METRIC_AGENT_ITERATIONS)).singleElement().satisfies(p -> {
            assertThat(p.getSum()).isEqualTo(2.0);
            assertThat(p.getAttributes()).isEqualTo(Attributes.of(
                    GEN_AI_AGENT_NAME, "loop-agent", AGENT_MAX_ITERATIONS_EXCEEDED, false));
        });
    }

    @Test
    void runThatUsesItsWholeBudgetGetsTheMaxIterationsEvent() {
        String answer = new LoopAgent(-1).run("s", "never done");

        assertThat(answer).isEqualTo("gave up");
        SpanData run = telemetry.span("invoke_agent loop-agent");
        assertThat(run.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo(GenAiAttributes.EVENT_MAX_ITERATIONS_EXCEEDED);
            assertThat(event.getAttributes().get(AGENT_ITERATION_COUNT)).isEqualTo(3L);
        });
        HistogramPointData iterations = telemetry.histogram(METRIC_AGENT_ITERATIONS).get(0);
        assertThat(iterations.getAttributes().get(AGENT_MAX_ITERATIONS_EXCEEDED)).isTrue();
    }

    @Test
    void nestedRunIsInternalAndCountsItsOwnIterations() {
        String answer = new Orchestrator().run("delegate this");

        assertThat(answer).isEqualTo("done after 1");
        SpanData outer = telemetry.span("invoke_agent orchestrator");
        SpanData inner = telemetry.span("invoke_agent loop-agent");
        assertThat(outer).hasKind(SpanKind.SERVER).hasNoParent();
        assertThat(inner).hasKind(SpanKind.INTERNAL).hasParent(outer).hasTraceId(outer.getTraceId());
        assertThat(outer.getAttributes().get(AGENT_ITERATION_COUNT)).isZero();
        assertThat(inner.getAttributes().get(AGENT_ITERATION_COUNT)).isEqualTo(1L);
        assertThat(telemetry.span("agent.iteration")).hasParent(inner);
    }

    @Test
    void iterationOutsideAnyRunStillGetsASpanWithoutNumber() {
        Optional<String> thought = new Orchestrator.Standalone().think();

        assertThat(thought).contains("thought");
        SpanData iteration = telemetry.span("agent.iteration");
        assertThat(iteration).hasNoParent();
        assertThat(iteration.getAttributes().get(AGENT_ITERATION_NUMBER)).isNull();
        assertThat(iteration.getAttributes().get(AGENT_ITERATION_COMPLETED)).isTrue();
    }

    @Test
    void spansAndMetricsCarryTheSchemaUrlUnitsAndBucketsOfTheContract() {
        new LoopAgent(1).run("session-8", "what is the answer?");
        ToolBox.shout("call-9", "hi");

        assertThat(telemetry.spans()).isNotEmpty().allSatisfy(span -> assertThat(
                span.getInstrumentationScopeInfo().getSchemaUrl()).isEqualTo(GenAiAttributes.SCHEMA_URL));
        List<Double> durationBuckets = List.of(
                0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
        assertHistogram(METRIC_INVOKE_AGENT_DURATION, "s", durationBuckets);
        assertHistogram(METRIC_EXECUTE_TOOL_DURATION, "s", durationBuckets);
        assertHistogram(METRIC_AGENT_ITERATIONS, "{iteration}",
                List.of(1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0, 100.0));
    }

    private void assertHistogram(String name, String unit, List<Double> boundaries) {
        assertThat(telemetry.metrics()).filteredOn(metric -> metric.getName().equals(name)).singleElement()
                .satisfies(metric -> {
                    assertThat(metric.getUnit()).isEqualTo(unit);
                    assertThat(metric.getInstrumentationScopeInfo().getSchemaUrl())
                            .isEqualTo(GenAiAttributes.SCHEMA_URL);
                    assertThat(metric.getHistogramData().getPoints()).singleElement()
                            .satisfies(point -> assertThat(point.getBoundaries()).isEqualTo(boundaries));
                });
    }

    @Test
    void aUserQueryThatCannotBeReadStillLeavesOneRunWithItsIterationsBelow() {
        String result = new SessionAgent().ask(unprintable());

        assertThat(result).isEqualTo("answered");
        SpanData run = telemetry.span("invoke_agent query-agent");
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(run.getAttributes().get(AGENT_USER_QUERY_HASH)).isNull();
        assertThat(telemetry.span("agent.iteration").getParentSpanId()).isEqualTo(run.getSpanId());
    }

    @Test
    void anExceptionWhoseMessageCannotBeReadStillMarksTheSpanAndTheMetric() {
        Exception failure = new Exception() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("getMessage broken");
            }
        };

        Throwable thrown = catchThrowable(() -> new ToolBox().fail(failure));

        assertThat(thrown).isSameAs(failure);
        SpanData span = telemetry.span("execute_tool failing_tool");
        assertThat(span).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR));
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(failure.getClass().getName());
        assertThat(telemetry.histogram(METRIC_EXECUTE_TOOL_DURATION))
                .singleElement()
                .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo(failure.getClass().getName()));
    }

    @Test
    void aFailureInsideTelemetryNeverReachesTheUsersMethod() {
        String result = new SessionAgent().run(unprintable());

        assertThat(result).isEqualTo("ran");
    }

    /** Text whose {@code toString} fails the way a recursive one does. */
    private static CharSequence unprintable() {
        return new CharSequence() {
            @Override
            public int length() {
                return 1;
            }

            @Override
            public char charAt(int index) {
                return 'x';
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return this;
            }

            @Override
            public String toString() {
                throw new StackOverflowError("toString recursion");
            }
        };
    }
}
