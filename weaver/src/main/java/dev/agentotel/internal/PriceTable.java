package dev.agentotel.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model prices for the {@code agent.usage.cost} estimate, in US dollars per million tokens.
 *
 * <p>Entries read {@code model = input, output[, cached input]}, for example
 * {@code gpt-4o = 2.50, 10.00, 1.25}. They come from the file named by
 * {@code agentotel.llm.prices-file} (one entry per line, {@code #} starts a comment) and from
 * {@code agentotel.llm.prices} (entries separated by {@code ;}), which wins for a model named in
 * both. A model matches its own entry; else, without its snapshot suffix, the entry of its base
 * model ({@code gpt-4o} prices {@code gpt-4o-2024-08-06} and {@code gpt-4-0613} is priced as
 * {@code gpt-4}, but never {@code gpt-4o-mini}); else the longest wildcard entry ending in
 * {@code *} that it starts with ({@code ft:gpt-4o-mini:*}). A table that cannot be read is logged
 * once and ignored: no table, no cost.
 */
final class PriceTable {

    static final String PROPERTY = "agentotel.llm.prices";
    static final String FILE_PROPERTY = "agentotel.llm.prices-file";
    static final PriceTable EMPTY = new PriceTable(Map.of());

    private static final double PER_TOKEN = 1e-6;
    /** A snapshot suffix: {@code -2024-08-06}, {@code -0613}. */
    private static final Pattern SNAPSHOT = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{3,})$");

    /** Dollars per token. */
    private record Price(double input, double output, double cachedInput) {}

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = prices;
    }

    static PriceTable fromConfig() {
        try {
            Map<String, Price> prices = new HashMap<>();
            String file = Config.get(FILE_PROPERTY);
            if (file != null) {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    parseEntry(lines.get(i), file + " line " + (i + 1), prices);
                }
            }
            String inline = Config.get(PROPERTY);
            if (inline != null) {
                for (String entry : inline.split(";")) {
                    parseEntry(entry, PROPERTY, prices);
                }
            }
            return prices.isEmpty() ? EMPTY : new PriceTable(Map.copyOf(prices));
        } catch (IOException | RuntimeException e) {
            SafeLog.warnOnce("PriceTable", "The LLM price table was not loaded, so no agent.usage.cost is recorded: " + e);
            return EMPTY;
        }
    }

    static PriceTable parse(String entries) {
        Map<String, Price> prices = new HashMap<>();
        for (String entry : entries.split("[;\n]")) {
            parseEntry(entry, "prices", prices);
        }
        return new PriceTable(Map.copyOf(prices));
    }

    private static void parseEntry(String line, String where, Map<String, Price> prices) {
        int comment = line.indexOf('#');
        String entry = (comment >= 0 ? line.substring(0, comment) : line).trim();
        if (entry.isEmpty()) {
            return;
        }
        int equals = entry.indexOf('=');
        String[] values = equals < 0 ? new String[0] : entry.substring(equals + 1).split(",");
        if (equals <= 0 || values.length < 2 || values.length > 3) {
            throw new IllegalArgumentException(where + ": \"" + entry
                    + "\" is not \"model = input, output[, cached input]\" (US dollars per million tokens)");
        }
        double input = price(values[0], where);
        double output = price(values[1], where);
        double cached = values.length == 3 ? price(values[2], where) : input;
        prices.put(entry.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                new Price(input * PER_TOKEN, output * PER_TOKEN, cached * PER_TOKEN));
    }

    private static double price(String value, String where) {
        double price = Double.parseDouble(value.trim());
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(where + ": price \"" + value.trim() + "\" is not a non-negative number");
        }
        return price;
    }

    boolean isEmpty() {
        return prices.isEmpty();
    }

    /**
     * The estimated cost in dollars of a call to {@code model}, or {@code NaN} when it has no
     * price. {@code cachedInputTokens} (part of {@code inputTokens}) is charged at the cached rate.
     */
    double cost(String model, long inputTokens, long outputTokens, long cachedInputTokens) {
        Price price = find(model);
        if (price == null) {
            return Double.NaN;
        }
        long cached = Math.max(0, Math.min(cachedInputTokens, inputTokens));
        return (inputTokens - cached) * price.input + cached * price.cachedInput + outputTokens * price.output;
    }

    private Price find(String model) {
        if (model == null || prices.isEmpty()) {
            return null;
        }
        String key = model.toLowerCase(Locale.ROOT);
        Price price = prices.get(key);
        if (price != null) {
            return price;
        }
        Matcher snapshot = SNAPSHOT.matcher(key);
        if (snapshot.find()) {
            price = prices.get(key.substring(0, snapshot.start()));
            if (price != null) {
                return price;
            }
        }
        String longest = null;
        for (String entry : prices.keySet()) {
            if (entry.endsWith("*") && key.startsWith(entry.substring(0, entry.length() - 1))
                    && (longest == null || entry.length() > longest.length())) {
                longest = entry;
            }
        }
        return longest == null ? null : prices.get(longest);
    }
}
