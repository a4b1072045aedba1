package dev.agentotel.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of the user query for {@code agent.user_query.hash}: HMAC-SHA-256, hex-encoded.
 *
 * <p>The key comes from {@code agentotel.user-query.hash-key} (system property) or
 * {@code AGENTOTEL_USER_QUERY_HASH_KEY}; set the same key on every instance of a deployment so equal
 * queries correlate across them. Without one, a random key is made per process: queries still
 * correlate within the process, and no dictionary of common queries can reverse the hash.
 */
final class UserQueryHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecretKeySpec KEY = key();
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> newMac(KEY));
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UserQueryHasher() {}

    static String hash(CharSequence query) {
        return hex(MAC.get().doFinal(query.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash under an explicit key, as a deployment configured with {@code key} computes it. */
    static String hash(String key, CharSequence query) {
        Mac mac = newMac(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        return hex(mac.doFinal(query.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    private static SecretKeySpec key() {
        String configured = Config.get("agentotel.user-query.hash-key");
        byte[] key;
        if (configured != null) {
            key = configured.getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return new SecretKeySpec(key, ALGORITHM);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
