package dev.agentotel.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import dev.agentotel.telemetry.AgentTelemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The privacy promise, fuzzed: 1,000 realistic prompts carrying generated secrets and personal
 * data of every kind the built-in detectors know run through the example agent, and the spans and
 * metrics it exports over real OTLP/HTTP to a receiver in this test are searched, byte by byte,
 * for each of them; with content capture off and with it on. Zero may be found.
 */
class PrivacyFuzzTest {

    private static final int PROMPTS = 1_000;
    private static final long SEED = 20261125L;
    private static final String CAPTURE = "otel.instrumentation.genai.capture-message-content";

    enum Kind { EMAIL, PHONE, CARD_NUMBER, IBAN, IP_ADDRESS, API_KEY, BEARER, JWT }

    /** A generated secret: what the prompt says, and what must never be exported. */
    record Secret(Kind kind, String written, String secret) {}

    @ParameterizedTest(name = "content capture {0}")
    @ValueSource(booleans = {false, true})
    void noGeneratedSecretLeavesTheProcess(boolean capture) throws Exception {
        Random random = new Random(SEED);
        List<String> prompts = new ArrayList<>();
        List<Secret> secrets = new ArrayList<>();
        for (int i = 0; i < PROMPTS; i++) {
            List<Secret> inPrompt = List.of(secret(random, Kind.values()[i % Kind.values().length]),
                    secret(random, Kind.values()[random.nextInt(Kind.values().length)]));
            secrets.addAll(inPrompt);
            prompts.add(prompt(random, inPrompt));
        }

        byte[] exported;
        try (OtlpReceiver receiver = OtlpReceiver.http()) {
            if (capture) {
                System.setProperty(CAPTURE, "true");
            }
            try (ScriptedOpenAiServer server = new ScriptedOpenAiServer();
                    AgentTelemetry telemetry = AgentTelemetry.builder()
                            .defaultProperty("otel.service.name", "privacy-fuzz")
                            .defaultProperty("otel.traces.exporter", "otlp")
                            .defaultProperty("otel.metrics.exporter", "otlp")
                            .defaultProperty("otel.logs.exporter", "none")
                            .defaultProperty("otel.exporter.otlp.endpoint", receiver.endpoint())
                            .defaultProperty("otel.bsp.max.queue.size", "100000")
                            .defaultProperty("otel.bsp.schedule.delay", "200")
                            .install()) {
                OpenAIClient client = StrictClients.forServer(server);
                try {
                    ResearchAgent agent = new ResearchAgent(client);
                    for (int i = 0; i < prompts.size(); i++) {
                        assertThat(agent.answer("session-" + i, prompts.get(i))).contains("1082.68");
                    }
                } finally {
                    client.close();
                }
            } finally {
                System.clearProperty(CAPTURE);
            }
            exported = receiver.rawBytes();
        }

        String text = new String(exported, StandardCharsets.ISO_8859_1);
        assertThat(count(text, "invoke_agent research-assistant")).as("every run's root span was exported")
                .isEqualTo(PROMPTS);
        assertThat(text).contains("gen_ai.client.token.usage", "agent.user_query.hash");
        if (capture) {
            assertThat(text).as("capture on records the prompts, redacted").contains("gen_ai.input.messages");
            for (Kind kind : Kind.values()) {
                assertThat(text).contains("[REDACTED:" + (kind == Kind.BEARER ? "BEARER" : kind.name()) + "]");
            }
        } else {
            assertThat(text).doesNotContain("gen_ai.input.messages", "agent.user_query.text", "[REDACTED:");
        }
        Map<Kind, Integer> perKind = new EnumMap<>(Kind.class);
        List<Secret> leaked = new ArrayList<>();
        for (Secret secret : secrets) {
            perKind.merge(secret.kind(), 1, Integer::sum);
            String digits = secret.secret().replaceAll("\\D", "");
            boolean leak = contains(exported, secret.secret())
                    || (digits.length() >= 9 && (secret.kind() == Kind.CARD_NUMBER || secret.kind() == Kind.PHONE)
                            && contains(exported, digits));
            if (leak) {
                leaked.add(secret);
            }
        }
        System.out.printf(Locale.ROOT, "[privacy fuzz] capture %s: %d prompts, %d secrets %s, %d bytes of OTLP"
                        + " exported, %d leaks%n", capture ? "on" : "off", PROMPTS, secrets.size(), perKind,
                exported.length, leaked.size());
        assertThat(leaked).as("secrets found in the exported OTLP bytes").isEmpty();
    }

    // --- generation ---

    private static final String[] OPENINGS = {
        "Hi, I'm travelling to Paris next week.", "Quick question before my meeting.", "Hello support team,",
        "I need help with a school project.", "My manager asked me to check this."};
    private static final String[] CONTEXT = {
        "You can reach me at %s if needed.", "For the booking I used %s.", "Please note my details: %s.",
        "The system logged %s when it failed.", "Ignore this: %s, it was pasted by mistake."};
    private static final String QUESTION = "How tall is the Eiffel Tower in feet?";

    /**
     * An opening, each secret in a sentence, the question. Every fourth prompt pastes its secrets
     * as JSON with escapes before them ({@code \n}, {@code \t}, {@code \u00a0}), as tool results
     * do; every third is padded so that its first secret straddles the 512-character cut.
     */
    private static String prompt(Random random, List<Secret> secrets) {
        StringBuilder prompt = new StringBuilder(OPENINGS[random.nextInt(OPENINGS.length)]);
        boolean straddle = random.nextInt(3) == 0;
        boolean json = random.nextInt(4) == 0;
        for (Secret secret : secrets) {
            if (straddle) {
                prompt.append(" Background:");
                while (prompt.length() < 500 + random.nextInt(10)) {
                    prompt.append(" lorem ipsum");
                }
                straddle = false;
            }
            if (json) {
                prompt.append(" {\"note\":\"see").append(pick(random, "\\n", "\\t", "\\u00a0", "\\r\\n"))
                        .append(secret.written()).append("\"}");
            } else {
                prompt.append(' ').append(String.format(Locale.ROOT, CONTEXT[random.nextInt(CONTEXT.length)], secret.written()));
            }
        }
        return prompt.append(' ').append(QUESTION).toString();
    }

    static Secret secret(Random random, Kind kind) {
        switch (kind) {
            case EMAIL: {
                String email = word(random, 3 + random.nextInt(6)) + (random.nextBoolean() ? "." : "_")
                        + word(random, 2 + random.nextInt(6)) + digitsOf(random, random.nextInt(3)) + "@"
                        + word(random, 4 + random.nextInt(6)) + "." + pick(random, "com", "org", "io", "co.uk", "de");
                return new Secret(kind, email, email);
            }
            case PHONE: {
                String phone = switch (random.nextInt(5)) {
                    case 0 -> "+44 20 " + digitsOf(random, 4) + " " + digitsOf(random, 4);
                    case 1 -> "+1-" + (200 + random.nextInt(800)) + "-555-" + digitsOf(random, 4);
                    case 2 -> "(" + (200 + random.nextInt(800)) + ") " + (200 + random.nextInt(800)) + "-" + digitsOf(random, 4);
                    case 3 -> "+33 1 " + digitsOf(random, 2) + " " + digitsOf(random, 2) + " " + digitsOf(random, 2) + " "
                            + digitsOf(random, 2);
                    default -> "+49 30 " + digitsOf(random, 8);
                };
                return new Secret(kind, phone, phone);
            }
            case CARD_NUMBER: {
                String number = card(random);
                String separator = pick(random, " ", "-", "");
                String written = number.length() == 15
                        ? number.substring(0, 4) + separator + number.substring(4, 10) + separator + number.substring(10)
                        : String.join(separator, number.substring(0, 4), number.substring(4, 8), number.substring(8, 12),
                                number.substring(12));
                return new Secret(kind, written, written);
            }
            case IBAN: {
                String iban = iban(random);
                String written = random.nextBoolean() ? iban : iban.replaceAll("(.{4})(?!$)", "$1 ");
                return new Secret(kind, written, written);
            }
            case IP_ADDRESS: {
                String ip;
                if (random.nextBoolean()) {
                    ip = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                            + (1 + random.nextInt(254));
                } else {
                    StringBuilder v6 = new StringBuilder("2001:db8");
                    for (int i = 0; i < 6; i++) {
                        v6.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
                    }
                    ip = v6.toString();
                }
                return new Secret(kind, ip, ip);
            }
            case API_KEY: {
                String key = switch (random.nextInt(3)) {
                    case 0 -> "sk-proj-" + alphanumeric(random, 32);
                    case 1 -> "AKIA" + alphanumeric(random, 16).toUpperCase(Locale.ROOT);
                    default -> "ghp_" + alphanumeric(random, 36);
                };
                return new Secret(kind, key, key);
            }
            case BEARER: {
                String token = alphanumeric(random, 28);
                return new Secret(kind, "Authorization: Bearer " + token, token);
            }
            default: {
                String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ" + alphanumeric(random, 24) + "." + alphanumeric(random, 30);
                return new Secret(kind, jwt, jwt);
            }
        }
    }

    /** A Visa, Mastercard or Amex number with a valid Luhn check digit. */
    private static String card(Random random) {
        String prefix = pick(random, "4", "51", "55", "37");
        int length = prefix.equals("37") ? 15 : 16;
        StringBuilder number = new StringBuilder(prefix);
        while (number.length() < length - 1) {
            number.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = number.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int digit = candidate.charAt(candidate.length() - 1 - i) - '0';
                sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new AssertionError("no Luhn check digit");
    }

    /** A German, British, French or Dutch IBAN with valid ISO 13616 check digits. */
    private static String iban(Random random) {
        String country = pick(random, "DE", "GB", "FR", "NL");
        String bban = switch (country) {
            case "DE" -> digitsOf(random, 18);
            case "GB" -> letters(random, 4) + digitsOf(random, 14);
            case "FR" -> digitsOf(random, 10) + alphanumeric(random, 11).toUpperCase(Locale.ROOT) + digitsOf(random, 2);
            default -> letters(random, 4) + digitsOf(random, 10);
        };
        int remainder = 0;
        for (char c : (bban + country + "00").toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return country + String.format(Locale.ROOT, "%02d", 98 - remainder) + bban;
    }

    private static String word(Random random, int length) {
        return letters(random, length).toLowerCase(Locale.ROOT);
    }

    private static String letters(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('A' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static String digitsOf(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    private static String alphanumeric(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    // --- checking ---

    private static boolean contains(byte[] haystack, String needle) {
        byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - bytes.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (haystack[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
