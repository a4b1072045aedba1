package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(PriceTable.PROPERTY);
        System.clearProperty(PriceTable.FILE_PROPERTY);
    }

    @Test
    void chargesUncachedInputCachedInputAndOutputAtTheirRatesPerMillionTokens() {
        PriceTable prices = PriceTable.parse("gpt-4o = 2.50, 10.00, 1.25");

        double cost = prices.cost("gpt-4o", 1_000, 500, 400);

        assertThat(cost).isCloseTo((600 * 2.50 + 400 * 1.25 + 500 * 10.00) / 1e6, within(1e-12));
    }

    @Test
    void withoutACachedRateCachedInputCostsTheInputRate() {
        PriceTable prices = PriceTable.parse("m = 1, 2");

        assertThat(prices.cost("m", 1_000_000, 0, 600_000)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void snapshotsUseTheirBaseModelButOtherModelsOfAFamilyDoNot() {
        PriceTable prices = PriceTable.parse("gpt-4o = 2.50, 10; gpt-4 = 30, 60");

        assertThat(prices.cost("GPT-4o-2024-08-06", 1_000_000, 0, 0)).isCloseTo(2.50, within(1e-12));
        assertThat(prices.cost("gpt-4-0613", 1_000_000, 0, 0)).isCloseTo(30.0, within(1e-12));
        assertThat(prices.cost("gpt-4o-mini", 1_000_000, 0, 0)).as("not priced as gpt-4o").isNaN();
        assertThat(prices.cost("gpt-4o-mini-2024-07-18", 1_000_000, 0, 0)).isNaN();
        assertThat(prices.cost("gpt-4-turbo", 1_000_000, 0, 0)).isNaN();
        assertThat(prices.cost(null, 1, 1, 0)).isNaN();
    }

    @Test
    void wildcardEntriesPriceEveryModelStartingWithThemLongestFirst() {
        PriceTable prices = PriceTable.parse("ft:* = 1, 1; ft:gpt-4o-mini:* = 0.30, 1.20");

        assertThat(prices.cost("ft:gpt-4o-mini:acme::abc123", 1_000_000, 0, 0)).isCloseTo(0.30, within(1e-12));
        assertThat(prices.cost("ft:gpt-4o:acme::abc123", 1_000_000, 0, 0)).isCloseTo(1.0, within(1e-12));
        assertThat(prices.cost("gpt-4o", 1_000_000, 0, 0)).isNaN();
    }

    @Test
    void malformedEntriesAreRejectedWithTheirPlace() {
        assertThatThrownBy(() -> PriceTable.parse("gpt-4o = 2.50")).hasMessageContaining("\"gpt-4o = 2.50\"");
        assertThatThrownBy(() -> PriceTable.parse("gpt-4o = -1, 2")).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> PriceTable.parse("= 1, 2")).hasMessageContaining("model = input, output");
    }

    @Test
    void fileAndPropertyCombineAndThePropertyWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.properties");
        Files.writeString(file, "# USD per million tokens\ngpt-4o = 2.50, 10.00\nemb = 0.02, 0 # embeddings\n",
                StandardCharsets.UTF_8);
        System.setProperty(PriceTable.FILE_PROPERTY, file.toString());
        System.setProperty(PriceTable.PROPERTY, "gpt-4o = 5, 20");

        PriceTable prices = PriceTable.fromConfig();

        assertThat(prices.cost("gpt-4o", 1_000_000, 0, 0)).isCloseTo(5.0, within(1e-12));
        assertThat(prices.cost("emb", 1_000_000, 0, 0)).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void anUnreadableTableIsIgnoredNotThrown(@TempDir Path dir) {
        System.setProperty(PriceTable.FILE_PROPERTY, dir.resolve("missing.properties").toString());
        assertThat(PriceTable.fromConfig().isEmpty()).isTrue();

        System.clearProperty(PriceTable.FILE_PROPERTY);
        System.setProperty(PriceTable.PROPERTY, "gpt-4o = cheap, 1");
        assertThat(PriceTable.fromConfig().isEmpty()).isTrue();
    }

    @Test
    void noConfigurationMeansAnEmptyTable() {
        assertThat(PriceTable.fromConfig()).isSameAs(PriceTable.EMPTY);
    }
}
