package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContentPolicyTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(ContentPolicy.MAX_LENGTH_PROPERTY);
    }

    private static ContentPolicy policy(int maxLength) {
        System.setProperty(ContentPolicy.MAX_LENGTH_PROPERTY, Integer.toString(maxLength));
        return ContentPolicy.fromConfig(ContentPolicy.Extensions.NONE);
    }

    @Test
    void aSecretAcrossTheCutIsRedactedBeforeTheCut() {
        ContentPolicy policy = policy(20);
        ContentCapture.Flag truncated = new ContentCapture.Flag();

        String captured = policy.capture("Reach me at ann.lee@example.org today", truncated);

        assertThat(captured).isEqualTo("Reach me at [REDACTE" + ContentPolicy.TRUNCATED_MARKER);
        assertThat(truncated.isSet()).isTrue();
    }

    @Test
    void aLongSecretShrinkingUnderRedactionCannotPullAPartialSecretIntoTheKeptPart() {
        ContentPolicy policy = policy(40);
        ContentCapture.Flag truncated = new ContentCapture.Flag();
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ" + "a".repeat(200) + ".sig";

        String captured = policy.capture(jwt + " then sk-proj-abcdefghijklmnop1234 and more text", truncated);

        assertThat(captured).isEqualTo("[REDACTED:JWT] then [REDACTED:API_KEY] a" + ContentPolicy.TRUNCATED_MARKER);
    }

    @Test
    void aHugeTextIsRedactedThenCutAndMarked() {
        ContentPolicy policy = policy(32);
        ContentCapture.Flag truncated = new ContentCapture.Flag();
        String huge = "key sk-proj-abcdefghijklmnop1234 " + "9 ".repeat(ContentPolicy.REDACTION_WINDOW);

        String captured = policy.capture(huge, truncated);

        assertThat(captured).isEqualTo("key [REDACTED:API_KEY] 9 9 9 9 9" + ContentPolicy.TRUNCATED_MARKER);
        assertThat(truncated.isSet()).isTrue();
    }

    @Test
    void shortTextIsKeptWholeAndUnflagged() {
        ContentCapture.Flag truncated = new ContentCapture.Flag();

        assertThat(policy(512).capture("How tall is the Eiffel Tower?", truncated)).isEqualTo("How tall is the Eiffel Tower?");
        assertThat(truncated.isSet()).isFalse();
    }
}
