package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each built-in detector: what it must catch, and near misses it must leave alone. */
class PiiDetectorsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "API_KEY|sk-proj-abcdefghijklmnop1234",
        "API_KEY|sk-ant-api03-AbCdEfGhIjKlMnOp",
        "API_KEY|AKIAIOSFODNN7EXAMPLE",
        "API_KEY|ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "API_KEY|AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "API_KEY|xoxb-1234567890-abcdefghij",
        "BEARER|Bearer abc.def-ghi_jklmn",
        "BEARER|BEARER abcdefgh12345678",
        "AUTHORIZATION|Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "AUTHORIZATION|authorization=Token 0123456789abcdef",
        "JWT|eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.SflKxwRJSMeKKF2QT4fwpM",
        "EMAIL|ann.lee+billing@mail.example.co.uk",
        "PHONE|+44 20 7946 0958",
        "PHONE|+1-212-555-0198",
        "PHONE|(555) 123-4567",
        "PHONE|555.123.4567",
        "PHONE|+33 1 23 45 67 89",
        "CARD_NUMBER|4111 1111 1111 1111",
        "CARD_NUMBER|5500-0000-0000-0004",
        "CARD_NUMBER|378282246310005",
        "IBAN|GB82 WEST 1234 5698 7654 32",
        "IBAN|DE89370400440532013000",
        "IP_ADDRESS|192.168.10.24",
        "IP_ADDRESS|2001:db8:85a3::8a2e:370:7334",
        "IP_ADDRESS|fe80::1",
        "IP_ADDRESS|2001:0db8:0000:0000:0000:ff00:0042:8329",
        "IP_ADDRESS|::ffff:10.0.0.1",
        "API_KEY|github_pat_11ABCDEFG0123456789abcdefghijk",
        "API_KEY|glpat-abcdefghij0123456789",
        "API_KEY|sk_live_abcdefghijklmnop1234",
        "API_KEY|rk_test_abcdefghijklmnop1234",
        "API_KEY|ghs_abcdefghijklmnopqrstuvwxyz0123456789",
        "API_KEY|xoxp-1234567890-abcdefghij",
        "BEARER|Bearer \"abcdefgh12345678",
        "BEARER|bearer: abcdefgh12345678",
        "SECRET|password=hunter2!",
        "SECRET|api_key\": \"0123456789abcdef",
        "SECRET|client_secret: s3cr3t-value"})
    void detectsInsideASentence(String kind, String secret) {
        String redacted = PiiDetectors.redact("Please check " + secret + ", thanks.");

        assertThat(redacted).isEqualTo("Please check [REDACTED:" + kind + "], thanks.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The Eiffel Tower is 330 metres tall, about 1082.68 feet.",
        "Order 4111 1111 1111 1112 failed the checksum",        // Luhn fails
        "Reference GB82 WEST 1234 5698 7654 33",                 // IBAN checksum fails
        "Released on 2024-08-06 at 10:30, build 1.2.3",
        "Version 10.24.256.1 of the tool",                        // 256 is no IPv4 octet
        "Call count 1234567890 in 12 ms",                         // digits, but no phone shape
        "Use the task-specific helper and the sk- prefix",
        "Temperature 21.5C, humidity 40%, wind 12 km/h",
        "Email me at support (at) example (dot) org",
        "A ratio of 3:4 and the time 12:45:30"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(PiiDetectors.redact(text)).isEqualTo(text);
    }

    @Test
    void redactsEveryKindInOneText() {
        String text = "Mail ann@example.org or call +44 20 7946 0958; card 4111-1111-1111-1111; key sk-proj-abcdefghijklmnop; "
                + "IBAN DE89 3704 0044 0532 0130 00 from 10.0.0.1";

        assertThat(PiiDetectors.redact(text)).isEqualTo("Mail [REDACTED:EMAIL] or call [REDACTED:PHONE]; "
                + "card [REDACTED:CARD_NUMBER]; key [REDACTED:API_KEY]; IBAN [REDACTED:IBAN] from [REDACTED:IP_ADDRESS]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\n", "\\t", "\\r", "\\\"", "\\u00a0"})
    void jsonEscapesBeforeASecretDoNotHideIt(String escape) {
        String json = "{\"q\":\"a" + escape + "sk-proj-abcdefghijklmnop1234" + escape + "4111111111111111" + escape
                + "john@example.com" + escape + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.sig\"}";

        String redacted = PiiDetectors.redact(json);

        assertThat(redacted).doesNotContain("sk-proj", "4111", "john@", "eyJ")
                .contains(escape + "[REDACTED:API_KEY]", escape + "[REDACTED:CARD_NUMBER]", escape + "[REDACTED:EMAIL]",
                        escape + "[REDACTED:JWT]");
    }

    @Test
    void adversarialRunsAreLeftAloneOrRedactedWhole() {
        assertThat(PiiDetectors.redact("version 1.2.3.4.5 of 6.7.8.9.10")).isEqualTo("version 1.2.3.4.5 of 6.7.8.9.10");
        assertThat(PiiDetectors.redact("eyJ-".repeat(50))).isEqualTo("eyJ-".repeat(50));
        assertThat(PiiDetectors.redact("sk-".repeat(20) + "abcdefghijklmnop1234")).isEqualTo("[REDACTED:API_KEY]");
    }

    @Test
    void checksumsFollowTheirStandards() {
        assertThat(PiiDetectors.luhn("79927398713", 0, 11)).as("too short for a card").isFalse();
        assertThat(PiiDetectors.luhn("4012888888881881", 0, 16)).isTrue();
        assertThat(PiiDetectors.luhn("4012888888881882", 0, 16)).isFalse();
        assertThat(PiiDetectors.validIban("NL91ABNA0417164300")).isTrue();
        assertThat(PiiDetectors.validIban("NL91ABNA0417164301")).isFalse();
    }
}
