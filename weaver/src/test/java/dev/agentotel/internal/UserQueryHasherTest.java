package dev.agentotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserQueryHasherTest {

    @Test
    void equalQueriesHashEquallyAndTheHashRevealsNothingOfTheText() {
        String hash = UserQueryHasher.hash("What is my balance?");

        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(UserQueryHasher.hash(new StringBuilder("What is my balance?")));
        assertThat(UserQueryHasher.hash("What is my balance!")).isNotEqualTo(hash);
    }

    @Test
    void theHashIsKeyedNotAPlainSha256() {
        // SHA-256("abc"): a dictionary attacker could precompute this; the keyed hash must differ.
        assertThat(UserQueryHasher.hash("abc"))
                .isNotEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theHashIsStableUnderOneKeyAndDiffersAcrossKeys() {
        String query = "Where is my parcel?";

        assertThat(UserQueryHasher.hash("deployment-key-a", query))
                .isEqualTo(UserQueryHasher.hash("deployment-key-a", new StringBuilder(query)))
                .isNotEqualTo(UserQueryHasher.hash("deployment-key-b", query))
                // RFC 4231-style check against the JDK's HMAC: key "key", message "The quick brown fox..."
                .matches("[0-9a-f]{64}");
        assertThat(UserQueryHasher.hash("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
