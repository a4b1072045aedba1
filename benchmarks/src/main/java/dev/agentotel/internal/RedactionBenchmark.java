package dev.agentotel.internal;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of redacting a ~4 KB agent prompt, with and without personal data, against a single
 * lower-casing pass over the same amount of text ({@link #baseline}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
public class RedactionBenchmark {

    /** Both prompts are this long, give or take {@link #TOLERANCE} characters. */
    static final int TARGET_LENGTH = 4096;
    static final int TOLERANCE = 50;

    /** An agent conversation with no personal data or secrets in it. */
    private static final List<String> CLEAN_TURNS = List.of(
            "System: You are a travel research assistant. Answer with sources, show your arithmetic, "
                    + "and never book anything without explicit confirmation from the user.\n",
            "User: How tall is the Eiffel Tower, and how long would it take to walk up the stairs "
                    + "to the second floor?\n",
            "Assistant: Let me look that up in the knowledge base first.\n",
            "Tool (search_kb, query=\"Eiffel Tower height\"): The Eiffel Tower is 330 metres tall "
                    + "including antennas. The second floor is at 115 metres and is reached by 674 "
                    + "steps from the ground. Construction finished on 31 March 1889.\n",
            "Assistant: The tower is 330 metres tall. The second floor sits at 115 metres, which is "
                    + "674 steps. At a steady pace of about 1.5 steps per second that is roughly 450 "
                    + "seconds, so allow 8 to 10 minutes with a couple of short breaks.\n",
            "User: What do tickets cost in 2024, and is it cheaper to take the lift?\n",
            "Tool (search_kb, query=\"Eiffel Tower ticket prices 2024\"): Adult stairs to the second "
                    + "floor: EUR 14.20. Adult lift to the second floor: EUR 22.60. Adult lift to the "
                    + "top: EUR 35.30. Youth (12 to 24): roughly half price. Prices valid from "
                    + "17 June 2024.\n",
            "Assistant: Taking the stairs costs EUR 14.20 against EUR 22.60 for the lift, a saving "
                    + "of EUR 8.40 per adult. For a family of two adults and two teenagers the stairs "
                    + "come to about EUR 42.60 and the lift to about EUR 67.80.\n",
            "User: Compare that with the London Eye and the Shard for a trip on 14 September.\n",
            "Tool (search_kb, query=\"London Eye Shard height price\"): The London Eye is 135 metres "
                    + "tall; standard tickets start at GBP 29.00 when booked online. The View from The "
                    + "Shard is at 244 metres; tickets start at GBP 28.00, and the building itself is "
                    + "310 metres tall. Both open at 10:00 in September.\n",
            "Tool (calculator, expr=\"330 / 135\"): 2.4444444444\n",
            "Assistant: The Eiffel Tower is about 2.4 times the height of the London Eye and 20 metres "
                    + "taller than the Shard. On 14 September all three open by 10:00, so a morning "
                    + "visit avoids most of the queues. The cheapest of the three is the Eiffel Tower "
                    + "by the stairs at EUR 14.20, roughly GBP 12.10 at today's rate of 0.852.\n",
            "User: Great. Can you draft a one-day itinerary that fits the Shard and the Eye into "
                    + "the same day, with lunch, and keep the total under GBP 120 for two people?\n",
            "Tool (calculator, expr=\"2 * (29.00 + 28.00) + 2 * 18.50\"): 151.0\n",
            "Assistant: Two tickets each for the Eye and the Shard cost GBP 114.00, so with a lunch "
                    + "budget of GBP 18.50 per person the day comes to GBP 151.00, which is GBP 31.00 "
                    + "over your limit. Booking the Eye 48 hours ahead saves 10 percent, and a "
                    + "picnic on the South Bank instead of a restaurant keeps lunch near GBP 6.00 per "
                    + "person, bringing the total to about GBP 114.60.\n",
            "User: That works. Remind me what time sunset is that day and which floor has the best "
                    + "view of it.\n",
            "Tool (search_kb, query=\"London sunset 14 September\"): Sunset in London on 14 September "
                    + "is at 19:14 BST; civil twilight ends at 19:47.\n",
            "Assistant: Sunset is at 19:14, so aim to reach the Shard's open-air deck on level 72 by "
                    + "about 18:45. The Eye is better earlier in the day, around 11:00, when the light "
                    + "over Westminster is behind you.\n",
            "User: And if it rains? Is there an indoor alternative near the Shard that costs less "
                    + "than GBP 20 per person?\n",
            "Tool (search_kb, query=\"indoor attractions near London Bridge\"): Borough Market food "
                    + "hall, free entry, open 10:00 to 17:00. The Old Operating Theatre Museum, GBP 8.50 "
                    + "for adults. HMS Belfast, GBP 26.50 for adults, a 1.2 km walk along the river.\n",
            "Assistant: If it rains, the Old Operating Theatre Museum at GBP 8.50 is a 4 minute walk "
                    + "from the Shard and fits the budget, and Borough Market is free and good for "
                    + "lunch. HMS Belfast is more interesting, but at GBP 26.50 per person it would push "
                    + "the day to about GBP 167.60 for two.\n",
            "User: Fine, keep the museum as the backup. How long is the walk from the Eye to the "
                    + "Shard?\n",
            "Tool (maps_route, from=\"London Eye\", to=\"The Shard\", mode=\"walk\"): 2.9 km along "
                    + "the South Bank, about 38 minutes, mostly flat.\n",
            "Assistant: It is 2.9 km along the South Bank, about 38 minutes at an easy pace, and the "
                    + "path passes Tate Modern and the Globe, so it is a pleasant part of the day rather "
                    + "than a transfer.\n");

    /** The same kind of conversation, with one of each kind of personal data or secret. */
    private static final List<String> PII_TURNS = List.of(
            "System: You are a billing support assistant for a cloud hosting company. Verify the "
                    + "customer, summarise the account, and never repeat secrets back in full.\n",
            "User: Hi, I was charged twice for my March invoice. My account e-mail is "
                    + "maria.keller@example.com and you can call me on +44 20 7946 0958 after 17:00.\n",
            "Assistant: I am sorry about that. Let me look up the account and the last two "
                    + "payments.\n",
            "Tool (billing_lookup, account=\"88213\"): Account 88213, plan Team, EUR 49.00 per "
                    + "month. Payments: 2024-03-01 08:02 EUR 49.00 card 4111 1111 1111 1111; "
                    + "2024-03-01 08:03 EUR 49.00, same card. Refund account IBAN "
                    + "GB82 WEST 1234 5698 7654 32.\n",
            "Assistant: I can see two identical charges of EUR 49.00 on 1 March 2024, both from the "
                    + "same card. I will raise a refund of EUR 49.00 to the card on file; it usually "
                    + "arrives within 5 to 7 working days.\n",
            "User: Thanks. While you are at it, my deploys started failing this morning. The log "
                    + "says the build server at 192.168.10.24 could not reach the registry over "
                    + "IPv6 at 2001:db8:85a3::8a2e:370:7334. I pasted our CI config below.\n",
            "User (attachment, ci.yaml): registry: internal, retries: 3, timeout: 330 seconds, "
                    + "OPENAI_API_KEY=sk-proj-4fT9xQ2mL7vR1cZ8nB3kW6yH0pJ5sD2eUa7Gi, "
                    + "headers: { Authorization: Bearer 8f3c2a9d41b74e0fa6c5d2e1b9a07f34 }, "
                    + "session: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ik"
                    + "pvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n",
            "Tool (status_page, region=\"eu-west\"): Incident 2024-03-14 08:12 UTC: registry "
                    + "reachable over IPv4 only; IPv6 routes restored at 10:40 UTC. 412 builds "
                    + "affected, median delay 18 minutes.\n",
            "Assistant: The failures match a registry incident between 08:12 and 10:40 UTC on "
                    + "14 March that affected IPv6 only; 412 builds were delayed by a median of 18 "
                    + "minutes. Please rotate the API key and the bearer token you pasted, because "
                    + "they are now in this conversation. Retrying the build should work now.\n",
            "User: Done, both rotated. How much would the Business plan cost for 12 seats over a "
                    + "year, and how does that compare with what I pay now?\n",
            "Tool (calculator, expr=\"12 * 19.00 * 12\"): 2736.0\n",
            "Tool (calculator, expr=\"49.00 * 12\"): 588.0\n",
            "Assistant: The Business plan at EUR 19.00 per seat per month comes to EUR 2,736.00 a "
                    + "year for 12 seats, against EUR 588.00 a year on your current Team plan, so it "
                    + "would cost EUR 2,148.00 more. It adds 330 GB of extra storage and a 99.95 "
                    + "percent uptime commitment.\n",
            "User: Before I decide, how much storage are we using and how fast is it growing?\n",
            "Tool (usage_report, account=\"88213\", months=6): Storage used: 212 GB of 250 GB. "
                    + "Growth: 9.4 GB per month on average since October 2023. Bandwidth: 1.8 TB in "
                    + "February 2024, 2.1 TB in March 2024 to date. Build minutes: 7,420 of 10,000.\n",
            "Tool (calculator, expr=\"(250 - 212) / 9.4\"): 4.0425531915\n",
            "Assistant: You are using 212 GB of your 250 GB and growing by about 9.4 GB a month, so "
                    + "at this rate you will reach the limit in roughly 4 months, around mid-July 2024. "
                    + "Build minutes are at 7,420 of 10,000 with two weeks of March still to go, so you "
                    + "may run short this month as well.\n",
            "User: What happens if we go over the build minutes? Is it a hard stop?\n",
            "Tool (search_kb, query=\"build minutes overage policy\"): Overage on the Team plan is "
                    + "billed at EUR 0.008 per minute, capped at EUR 40.00 per month. Builds are never "
                    + "stopped for overage. Unused minutes do not roll over.\n",
            "Assistant: It is not a hard stop. Extra minutes cost EUR 0.008 each, capped at EUR 40.00 "
                    + "a month, so even a busy fortnight of 5,000 extra minutes adds at most EUR 40.00. "
                    + "Unused minutes do not carry over to April.\n",
            "User: And if we stay on Team but add a storage pack instead?\n",
            "Tool (search_kb, query=\"storage pack price\"): Storage packs add 100 GB for EUR 6.00 "
                    + "per month each and can be cancelled at the end of any billing month.\n",
            "Assistant: One 100 GB pack at EUR 6.00 a month takes you to 350 GB, about 15 months of "
                    + "headroom at today's growth, for EUR 72.00 a year.\n",
            "User: Let me think about it. Please confirm the refund by e-mail.\n",
            "Assistant: Done: refund reference RF-2024-0317 for EUR 49.00 has been raised and a "
                    + "confirmation is on its way to your e-mail address.\n");

    /**
     * Neutral text, with no personal data, repeated after the turns to bring each prompt to exactly
     * {@link #TARGET_LENGTH} characters (its last repetition is cut wherever that falls).
     */
    private static final String FILLER = "Note: the assistant keeps answers short, cites the knowledge "
            + "base for every figure, and rounds prices to two decimals. The conversation continues "
            + "below with follow-up questions about timing, budget and alternatives. ";

    String clean;
    String withPii;

    @Setup
    public void setUp() {
        clean = prompt(CLEAN_TURNS);
        withPii = prompt(PII_TURNS);
        String redacted = redact(withPii);
        if (redacted == null || redacted.equals(withPii)) {
            throw new IllegalStateException("the redaction entry point left the PII prompt unchanged");
        }
    }

    /** A single lower-casing pass over the clean prompt: the reference the run summary divides by. */
    @Benchmark
    public String baseline() {
        return clean.toLowerCase(Locale.ROOT);
    }

    @Benchmark
    public String redactClean() {
        return redact(clean);
    }

    @Benchmark
    public String redactWithPii() {
        return redact(withPii);
    }

    /** The turns, then filler up to {@link #TARGET_LENGTH} characters (the turns are never cut). */
    static String prompt(List<String> turns) {
        StringBuilder prompt = new StringBuilder(String.join("", turns));
        while (prompt.length() < TARGET_LENGTH) {
            prompt.append(FILLER);
        }
        String text = prompt.substring(0, Math.max(TARGET_LENGTH, String.join("", turns).length()));
        if (Math.abs(text.length() - TARGET_LENGTH) > TOLERANCE) {
            throw new IllegalStateException("prompt of " + text.length() + " characters, not about " + TARGET_LENGTH);
        }
        return text;
    }

    /**
     * The production path: the redaction every recorded text goes through, with the configuration
     * of this machine (no custom patterns or redactors unless the environment sets some). The
     * benchmark lives in agentotel's internal package to reach it without reflection.
     */
    private static final ContentPolicy POLICY = ContentPolicy.fromConfig(ContentPolicy.Extensions.NONE);

    private static String redact(String text) {
        return POLICY.redact(text);
    }
}
