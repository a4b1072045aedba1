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
}
