package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesWhatRfc8259RequiresAndWhatUtf8CannotCarry() {
        assertThat(Json.quote("say \"hi\"\\ \n\t\r\u0001\u2028 é 😀")).isEqualTo(
                "\"say \\\"hi\\\"\\\\ \\n\\t\\r\\u0001\\u2028 é 😀\"");
        assertThat(Json.quote("lone \uD83D and \uDE00")).isEqualTo("\"lone \\ud83d and \\ude00\"");
        assertThat(Json.quote(null)).isEqualTo("null");
    }
}
