import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Summarises one benchmarks/run: the targets as explicit pairs of rows, then every JMH row
 * with its time, allocation and ratio to the {@code baseline} of its class. Run with the JDK's
 * source launcher and JMH's uber-jar on the class path (for the t distribution):
 *
 * <pre>
 * java -cp benchmarks.jar Summary.java results.json [build-cost.properties] &gt; summary.md
 * java -cp benchmarks.jar Summary.java merge results.json round-1.json round-2.json ...
 * </pre>
 *
 * <p>{@code merge} pools the rounds of a run (JMH's JSON, one fork per row each) into one file
 * in JMH's format: per row, every fork's iterations, and the mean and 99.9% confidence interval
 * over all of them, computed as JMH does.
 */
public class Summary {

    private static final String PACKAGE = "dev.agentotel.benchmarks.";
    private static final String LLM = PACKAGE + "LlmCallBenchmark.";
    private static final String RUN = PACKAGE + "AgentRunBenchmark.";
    private static final String AGENT = PACKAGE + "JavaagentBenchmark.";
    private static final String DOWN = PACKAGE + "ExporterDownBenchmark.";

    enum Kind { TIME_AT_MOST, TIME_AT_LEAST, BYTES_DIFFERENCE_AT_MOST, INFORMATION }

    /** Numerator and denominator are benchmark names; the ratio is numerator / denominator. */
    record Pair(String what, String numerator, String denominator, Kind kind, double limit) {}

    static final List<Pair> PAIRS = List.of(
            new Pair("agentotel / hand-written, time per LLM call", LLM + "agentotel", LLM + "handWritten", Kind.TIME_AT_MOST, 1.10),
            new Pair("agentotel − hand-written, allocation per LLM call", LLM + "agentotel", LLM + "handWritten", Kind.BYTES_DIFFERENCE_AT_MOST, 150),
            new Pair("disabled / no-op API span, time", LLM + "disabled", LLM + "noopSpan", Kind.TIME_AT_MOST, 1.1),
            new Pair("Java agent (@WithSpan, same attributes) / agentotel, time", AGENT + "withSpan", LLM + "agentotel", Kind.TIME_AT_LEAST, 1.6),
            new Pair("agentotel / hand-written, time per agent run (4 spans)", RUN + "agentotel", RUN + "handWritten", Kind.INFORMATION, Double.NaN),
            new Pair("agentotel − hand-written, allocation per agent run", RUN + "agentotel", RUN + "handWritten", Kind.INFORMATION, Double.NaN),
            new Pair("Java agent, bare @WithSpan / agentotel, time", AGENT + "spanOnly", LLM + "agentotel", Kind.INFORMATION, Double.NaN),
            new Pair("disabled − plain call, time", LLM + "disabled", LLM + "baseline", Kind.INFORMATION, Double.NaN),
            new Pair("OTLP collector down (never answers) / up, time per agent run", DOWN + "collectorDown", DOWN + "collectorUp", Kind.TIME_AT_MOST, 1.05),
            new Pair("OTLP collector down − up, allocation per agent run", DOWN + "collectorDown", DOWN + "collectorUp", Kind.INFORMATION, Double.NaN));

    /** One JMH result: mean and 99.9% half-width of the time, and bytes allocated per operation. */
    record Row(String benchmark, String mode, String params, double score, double error, String unit, double bytes) {

        String label() {
            String name = benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
            int method = name.lastIndexOf('.');
            name = name.substring(name.lastIndexOf('.', method - 1) + 1);
            return params.isEmpty() ? name : name + " " + params;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("merge")) {
            List<Path> rounds = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                rounds.add(Path.of(args[i]));
            }
            Files.writeString(Path.of(args[1]), merge(rounds));
            return;
        }
        List<Row> rows = read(Path.of(args[0]));
        Properties buildCost = new Properties();
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
                buildCost.load(in);
            }
        }
        StringBuilder out = new StringBuilder();
        targets(rows, buildCost, out);
        table(rows, out);
        System.out.print(out);
    }

    static void table(List<Row> rows, StringBuilder out) {
        out.append("\n### All rows\n\n");
        out.append("| Benchmark | Mode | Score | Error (99.9%) | Unit | B/op | vs baseline |\n");
        out.append("|---|---|---:|---:|---|---:|---:|\n");
        for (Row row : rows) {
            Row baseline = baselineOf(row, rows);
            String ratio = "";
            if (baseline != null && baseline.unit.equals(row.unit)) {
                // Always "times as costly as baseline": time per op divides, ops per time inverts.
                double r = row.mode.equals("thrpt") ? baseline.score / row.score : row.score / baseline.score;
                ratio = format(r, r >= 100 ? "%.0f×" : "%.2f×");
            }
            out.append("| ").append(row.label())
                    .append(" | ").append(row.mode)
                    .append(" | ").append(format(row.score, "%.3f"))
                    .append(" | ").append(Double.isNaN(row.error) ? "" : "± " + format(row.error, "%.3f"))
                    .append(" | ").append(row.unit)
                    .append(" | ").append(Double.isNaN(row.bytes) ? "" : format(row.bytes, "%.0f"))
                    .append(" | ").append(ratio)
                    .append(" |\n");
        }
    }

    static void targets(List<Row> rows, Properties buildCost, StringBuilder out) {
        out.append("### Targets\n\n");
        out.append("| What | Measured | 99.9% range | Target | Met |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (Pair pair : PAIRS) {
            Row a = find(rows, pair.numerator);
            Row b = find(rows, pair.denominator);
            if (a == null || b == null) {
                if (pair.kind != Kind.INFORMATION) {
                    out.append("| ").append(pair.what).append(" | not measured | | ").append(target(pair)).append(" | |\n");
                }
                continue;
            }
            boolean bytes = pair.kind == Kind.BYTES_DIFFERENCE_AT_MOST || pair.what.contains("allocation");
            String measured;
            String range;
            String met;
            if (bytes) {
                double difference = a.bytes - b.bytes;
                measured = format(difference, "%+.0f B/op") + " (" + format(a.bytes, "%.0f") + " vs " + format(b.bytes, "%.0f") + ")";
                range = "";
                met = pair.kind == Kind.INFORMATION ? "" : difference <= pair.limit ? "yes" : "**no**";
            } else if (pair.what.contains(" − ")) {
                double difference = a.score - b.score;
                measured = format(difference, "%+.1f ") + a.unit;
                range = Double.isNaN(a.error + b.error) ? ""
                        : format(difference - a.error - b.error, "%+.1f") + " … " + format(difference + a.error + b.error, "%+.1f");
                met = "";
            } else {
                double ratio = a.score / b.score;
                double low = (a.score - a.error) / (b.score + b.error);
                double high = b.score > b.error ? (a.score + a.error) / (b.score - b.error) : Double.POSITIVE_INFINITY;
                measured = format(ratio, "%.2f×") + " (" + format(a.score, "%.1f") + " / " + format(b.score, "%.1f") + " " + a.unit + ")";
                range = Double.isNaN(low + high) ? "" : format(low, "%.2f") + " … " + (Double.isInfinite(high) ? "∞" : format(high, "%.2f"));
                met = switch (pair.kind) {
                    case TIME_AT_MOST -> verdict(ratio <= pair.limit, low <= pair.limit && high >= pair.limit);
                    case TIME_AT_LEAST -> verdict(ratio >= pair.limit, low <= pair.limit && high >= pair.limit);
                    default -> "";
                };
            }
            out.append("| ").append(pair.what)
                    .append(" | ").append(measured)
                    .append(" | ").append(range)
                    .append(" | ").append(target(pair))
                    .append(" | ").append(met)
                    .append(" |\n");
        }
        String largest = buildCost.getProperty("largest");
        if (largest == null) {
            out.append("| build overhead of processor + weaving at 1,000 methods | not measured | | ≤ 20 % | |\n");
        } else {
            double plain = Double.parseDouble(buildCost.getProperty("median.plain." + largest));
            double full = Double.parseDouble(buildCost.getProperty("median.agentotel." + largest));
            double overhead = full / plain - 1;
            out.append("| build overhead of processor + weaving at ").append(String.format(Locale.ROOT, "%,d", Integer.parseInt(largest)))
                    .append(" methods (median of ").append(buildCost.getProperty("repetitions")).append(" builds)")
                    .append(" | ").append(format(overhead * 100, "%+.0f %%")).append(" (")
                    .append(format(full, "%.1f")).append(" s vs ").append(format(plain, "%.1f")).append(" s)")
                    .append(" | ").append(buildCost.getProperty("range.agentotel." + largest, ""))
                    .append(" | ≤ 20 % | ").append(overhead <= 0.20 ? "yes" : "**no**").append(" |\n");
        }
        out.append("\nA ratio's range divides the ends of the two 99.9% confidence intervals; \"within noise\" marks a\n")
                .append("target that lies inside it.\n");
    }

    static String verdict(boolean met, boolean withinNoise) {
        return (met ? "yes" : "**no**") + (withinNoise ? " (within noise)" : "");
    }

    static String target(Pair pair) {
        return switch (pair.kind) {
            case TIME_AT_MOST -> "≤ " + format(pair.limit, "%.2f×");
            case TIME_AT_LEAST -> "≥ " + format(pair.limit, "%.2f×");
            case BYTES_DIFFERENCE_AT_MOST -> "≤ +" + format(pair.limit, "%.0f") + " B/op";
            case INFORMATION -> "";
        };
    }

    static Row find(List<Row> rows, String benchmark) {
        for (Row row : rows) {
            if (row.benchmark.equals(benchmark) && row.params.isEmpty()) {
                return row;
            }
        }
        return null;
    }

    /** The {@code baseline} run of the same class, mode and parameters, if it was run. */
    static Row baselineOf(Row row, List<Row> rows) {
        String cls = row.benchmark.substring(0, row.benchmark.lastIndexOf('.') + 1);
        for (Row other : rows) {
            if (other.benchmark.equals(cls + "baseline") && other.mode.equals(row.mode) && other.params.equals(row.params)) {
                return other;
            }
        }
        return null;
    }

    static List<Row> read(Path json) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<?>) new Json(Files.readString(json)).value()) {
            Map<String, Object> result = map(o);
            Map<String, Object> primary = map(result.get("primaryMetric"));
            double bytes = Double.NaN;
            if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
                // "gc.alloc.rate.norm" in JMH 1.37, "·gc.alloc.rate.norm" before.
                Object norm = secondary.containsKey("gc.alloc.rate.norm")
                        ? secondary.get("gc.alloc.rate.norm")
                        : secondary.get("·gc.alloc.rate.norm");
                if (norm instanceof Map<?, ?> metric) {
                    bytes = number(metric.get("score"));
                }
            }
            String params = result.get("params") instanceof Map<?, ?> p && !p.isEmpty() ? p.toString() : "";
            rows.add(new Row(String.valueOf(result.get("benchmark")), String.valueOf(result.get("mode")), params,
                    number(primary.get("score")), number(primary.get("scoreError")),
                    String.valueOf(primary.get("scoreUnit")), bytes));
        }
        return rows;
    }

    /** Pools the forks of each row over the rounds and writes them back in JMH's JSON format. */
    static String merge(List<Path> rounds) throws IOException {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Path round : rounds) {
            for (Object o : (List<?>) new Json(Files.readString(round)).value()) {
                Map<String, Object> result = map(o);
                String key = result.get("benchmark") + " " + result.get("mode") + " " + result.get("params");
                Map<String, Object> pooled = merged.get(key);
                if (pooled == null) {
                    merged.put(key, result);
                    continue;
                }
                pooled.put("forks", number(pooled.get("forks")) + number(result.get("forks")));
                pool(map(pooled.get("primaryMetric")), map(result.get("primaryMetric")));
                if (pooled.get("secondaryMetrics") instanceof Map<?, ?> secondary
                        && result.get("secondaryMetrics") instanceof Map<?, ?> more) {
                    for (Map.Entry<?, ?> metric : secondary.entrySet()) {
                        if (more.get(metric.getKey()) instanceof Map<?, ?> other) {
                            pool(map(metric.getValue()), map(other));
                        }
                    }
                }
            }
        }
        for (Map<String, Object> result : merged.values()) {
            summarise(map(result.get("primaryMetric")));
            if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
                for (Object metric : secondary.values()) {
                    summarise(map(metric));
                }
            }
        }
        StringBuilder json = new StringBuilder();
        Json.write(new ArrayList<>(merged.values()), json);
        return json.append('\n').toString();
    }

    @SuppressWarnings("unchecked")
    static void pool(Map<String, Object> into, Map<String, Object> from) {
        ((List<Object>) into.get("rawData")).addAll((List<Object>) from.get("rawData"));
    }

    /** Mean and 99.9% confidence interval over all iterations of all forks, as JMH computes them. */
    static void summarise(Map<String, Object> metric) {
        List<Double> values = new ArrayList<>();
        for (Object fork : (List<?>) metric.get("rawData")) {
            for (Object value : (List<?>) fork) {
                values.add(number(value));
            }
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double error = Double.NaN;
        if (values.size() > 2) {
            double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
            double t = new org.apache.commons.math3.distribution.TDistribution(values.size() - 1)
                    .inverseCumulativeProbability(1 - 0.001 / 2);
            error = t * Math.sqrt(variance / values.size());
        }
        metric.put("score", mean);
        metric.put("scoreError", Double.isNaN(error) ? "NaN" : error);
        metric.put("scoreConfidence", List.of(mean - (Double.isNaN(error) ? 0 : error), mean + (Double.isNaN(error) ? 0 : error)));
    }

    static String format(double value, String pattern) {
        return String.format(Locale.ROOT, pattern, value);
    }

    static double number(Object o) {
        return o instanceof Double d ? d : Double.NaN; // JMH writes "NaN" as a string
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) Objects.requireNonNull(o);
    }

    /** Just enough JSON: objects, arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    skip();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i++) == '}') return m;
                    }
                }
                case '[': {
                    List<Object> l = new ArrayList<>();
                    i++;
                    skip();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i++) == ']') return l;
                    }
                }
                case '"':
                    return string();
                default:
                    int start = i;
                    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) i++;
                    String word = s.substring(start, i);
                    switch (word) {
                        case "true": return Boolean.TRUE;
                        case "false": return Boolean.FALSE;
                        case "null": return null;
                        default: return Double.parseDouble(word);
                    }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i);
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        /** Writes what {@link #value} reads, indented like JMH's own output. */
        static void write(Object value, StringBuilder out) {
            write(value, out, "");
        }

        private static void write(Object value, StringBuilder out, String indent) {
            if (value instanceof Map<?, ?> m) {
                out.append("{");
                String inner = indent + "    ";
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(first ? "\n" : ",\n").append(inner);
                    string(String.valueOf(e.getKey()), out);
                    out.append(" : ");
                    write(e.getValue(), out, inner);
                    first = false;
                }
                out.append(first ? "}" : "\n" + indent + "}");
            } else if (value instanceof List<?> l) {
                out.append("[");
                String inner = indent + "    ";
                boolean first = true;
                for (Object element : l) {
                    out.append(first ? "\n" : ",\n").append(inner);
                    write(element, out, inner);
                    first = false;
                }
                out.append(first ? "]" : "\n" + indent + "]");
            } else if (value instanceof String text) {
                string(text, out);
            } else if (value instanceof Double d) {
                out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d));
            } else {
                out.append(value);
            }
        }

        private static void string(String text, StringBuilder out) {
            out.append('"');
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
