package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void secretsAndEmailAddressesAreReplacedByKind() {
        String text = "key sk-proj-abcdefghijklmnop1234 sent by ann.lee@example.org with "
                + "Authorization: Bearer abc.def-ghi_jkl and token eyJhbGciOi.eyJzdWIiOiIx.sig";

        String redacted = Redactor.redact(text);

        assertThat(redacted)
                .contains("[REDACTED:API_KEY]", "[REDACTED:EMAIL]", "[REDACTED:BEARER]", "[REDACTED:JWT]")
                .doesNotContain("sk-proj", "ann.lee", "abc.def", "eyJ");
    }

    @Test
    void plainTextIsLeftAloneAndNullStaysNull() {
        assertThat(Redactor.redact("Rate limit reached for gpt-4o")).isEqualTo("Rate limit reached for gpt-4o");
        assertThat(Redactor.redact(null)).isNull();
    }
}
