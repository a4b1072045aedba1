package dev.agentotel.telemetry;

import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_ITERATION_NUMBER;
import static dev.agentotel.telemetry.GenAiAttributes.AGENT_TOOL_RESULT_COUNT;
import static dev.agentotel.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.agentotel.telemetry.GenAiAttributes.SERVICE_NAME;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the spans of a trace as an indented tree with a timeline bar per span, for reading a
 * trace in a terminal:
 *
 * <pre>
 * trace 5b8aa5a2d2c872e8321cf37308d69df2 · 3 iterations · 289 in / 71 out tokens
 * invoke_agent research-assistant       SERVER    41.2 ms [████████████████████████████████]
 * ├─ agent.iteration #0                 INTERNAL  20.3 ms [████████████████                ]
 * │  ├─ chat gpt-4o                     CLIENT    19.1 ms [███████████████                 ] 52→18 tokens · tool_calls
 * │  └─ execute_tool search_knowledge…  INTERNAL   0.4 ms [               ▏                ] 3 results
 * </pre>
 */
public final class Waterfall {

    private static final int NAME_WIDTH = 40;
    private static final int BAR_WIDTH = 32;

    private Waterfall() {}

    /**
     * Renders every trace found in {@code spans}, one tree per local root (a span whose parent is
     * not among the spans), roots and children in start order.
     */
    public static String render(Collection<SpanData> spans) {
        Set<String> ids = new HashSet<>();
        Map<String, List<SpanData>> children = new HashMap<>();
        for (SpanData span : spans) {
            ids.add(span.getSpanId());
        }
        List<SpanData> roots = new ArrayList<>();
        for (SpanData span : spans) {
            if (ids.contains(span.getParentSpanId())) {
                children.computeIfAbsent(span.getParentSpanId(), k -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        Comparator<SpanData> byStart = Comparator.comparingLong(SpanData::getStartEpochNanos);
        roots.sort(byStart);
        children.values().forEach(list -> list.sort(byStart));

        StringBuilder out = new StringBuilder();
        for (SpanData root : roots) {
            out.append(header(root, children)).append('\n');
            renderSpan(out, root, root, children, "", "");
        }
        return out.toString();
    }

    private static String header(SpanData root, Map<String, List<SpanData>> children) {
        long[] tokens = new long[2];
        sumTokens(root, children, tokens);
        StringBuilder header = new StringBuilder("trace ").append(root.getTraceId());
        Long iterations = root.getAttributes().get(AGENT_ITERATION_COUNT);
        if (iterations != null) {
            header.append(" · ").append(iterations).append(iterations == 1 ? " iteration" : " iterations");
        }
        if (tokens[0] > 0 || tokens[1] > 0) {
            header.append(" · ").append(tokens[0]).append(" in / ").append(tokens[1]).append(" out tokens");
        }
        return header.toString();
    }

    private static void sumTokens(SpanData span, Map<String, List<SpanData>> children, long[] tokens) {
        Long in = span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS);
        Long out = span.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS);
        tokens[0] += in == null ? 0 : in;
        tokens[1] += out == null ? 0 : out;
        for (SpanData child : children.getOrDefault(span.getSpanId(), List.of())) {
            sumTokens(child, children, tokens);
        }
    }

    private static void renderSpan(
            StringBuilder out,
            SpanData span,
            SpanData root,
            Map<String, List<SpanData>> children,
            String prefix,
            String childPrefix) {
        String label = prefix + label(span);
        if (label.length() > NAME_WIDTH) {
            label = label.substring(0, NAME_WIDTH - 1) + '…';
        }
        double millis = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6;
        out.append(String.format(
                Locale.ROOT,
                "%-" + NAME_WIDTH + "s %-8s %8.1f ms [%s]%s%n",
                label,
                span.getKind(),
                millis,
                bar(span, root),
                details(span, root)));
        List<SpanData> kids = children.getOrDefault(span.getSpanId(), List.of());
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            renderSpan(
                    out,
                    kids.get(i),
                    root,
                    children,
                    childPrefix + (last ? "└─ " : "├─ "),
                    childPrefix + (last ? "   " : "│  "));
        }
    }

    private static String label(SpanData span) {
        Long number = span.getAttributes().get(AGENT_ITERATION_NUMBER);
        String name = printable(span.getName());
        return number == null ? name : name + " #" + number;
    }

    /**
     * {@code text} with control characters escaped as Java escapes (a line feed as backslash-n, ESC
     * as backslash-u001b, ...): names and values come from user input and provider responses, and a raw
     * line break or terminal escape sequence would forge or garble the console output. Spans keep
     * the text as it was.
     */
    static String printable(String text) {
        int i = 0;
        while (i < text.length() && !Character.isISOControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String bar(SpanData span, SpanData root) {
        long total = Math.max(1, root.getEndEpochNanos() - root.getStartEpochNanos());
        int from = (int) Math.min(BAR_WIDTH - 1, (span.getStartEpochNanos() - root.getStartEpochNanos()) * BAR_WIDTH / total);
        int to = (int) Math.min(BAR_WIDTH, Math.round((span.getEndEpochNanos() - root.getStartEpochNanos()) * (double) BAR_WIDTH / total));
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i >= from && i < to ? '█' : ' ');
        }
        if (to <= from) {
            bar.setCharAt(Math.max(0, from), '▏');
        }
        return bar.toString();
    }

    private static String details(SpanData span, SpanData root) {
        Attributes attributes = span.getAttributes();
        List<String> parts = new ArrayList<>();
        String service = span.getResource().getAttribute(SERVICE_NAME);
        if (service != null && !service.equals(root.getResource().getAttribute(SERVICE_NAME))) {
            // A span another service recorded into the same trace (context propagated over HTTP).
            parts.add(service);
        }
        Long in = attributes.get(GEN_AI_USAGE_INPUT_TOKENS);
        Long out = attributes.get(GEN_AI_USAGE_OUTPUT_TOKENS);
        if (in != null || out != null) {
            parts.add((in == null ? "?" : in) + "→" + (out == null ? "?" : out) + " tokens");
        }
        List<String> reasons = attributes.get(GEN_AI_RESPONSE_FINISH_REASONS);
        if (reasons != null && !reasons.isEmpty()) {
            parts.add(String.join(",", reasons));
        }
        String responseModel = attributes.get(GEN_AI_RESPONSE_MODEL);
        if (responseModel != null) {
            parts.add(responseModel);
        }
        Long results = attributes.get(AGENT_TOOL_RESULT_COUNT);
        if (results != null) {
            parts.add(results + (results == 1 ? " result" : " results"));
        }
        for (EventData event : span.getEvents()) {
            if (event.getName().equals(GenAiAttributes.EVENT_MAX_ITERATIONS_EXCEEDED)) {
                parts.add("max iterations exceeded");
            }
        }
        if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
            String errorType = attributes.get(ERROR_TYPE);
            parts.add("ERROR " + (errorType == null ? "" : errorType));
        }
        return parts.isEmpty() ? "" : printable(" " + String.join(" · ", parts));
    }
}
