package dev.agentotel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in detectors of secrets and personal data. Each match becomes {@code [REDACTED:KIND]}.
 *
 * <p>Fast by construction: instead of running every pattern over the whole text, one pass finds
 * the few places where a detector can start (a literal prefix found with {@link String#indexOf},
 * an {@code @}, a digit, {@code +} or {@code (} at the start of a word, two capitals before two
 * digits) and tries the patterns there only, anchored. Card numbers must pass the Luhn check and
 * IBANs the ISO 13616 mod-97 check, so that ordinary numbers survive.
 */
final class PiiDetectors {

    /** One redacted region of the text. */
    private record Hit(int start, int end, String kind) {}

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)authorization[\"']?\\s*[:=]\\s*[\"']?(?:basic|digest|token|apikey)?\\s*[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern API_KEY = Pattern.compile(
            "(?:(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}"
                    + "|github_pat_[A-Za-z0-9_]{22,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})");
    private static final String[] API_KEY_PREFIXES = {"sk-", "pk-", "rk-", "AKIA", "ghp_", "gho_", "ghu_", "ghs_",
        "ghr_", "github_pat_", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "AIza"};
    private static final Pattern EMAIL_DOMAIN =
            Pattern.compile("[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(?![\\d.]*\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?:"
            + "(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
            + "|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?"
            + "|::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?![0-9a-z:])");
    private static final Pattern CARD = Pattern.compile("\\d(?:[ -]?\\d){12,18}(?!\\d)");
    private static final Pattern PHONE = Pattern.compile(
            "(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,5}(?!\\d)");

    private static final Pattern NORTH_AMERICAN = Pattern.compile("\\d{3}[ .-]\\d{3}[ .-]\\d{4}");

    private PiiDetectors() {}

    /** {@code text} with every detected secret and personal datum replaced. */
    static String redact(String text) {
        List<Hit> hits = new ArrayList<>(0);
        literal(text, "eyJ", JWT, "JWT", hits);
        literal(text, "earer", -1, BEARER, "BEARER", hits);
        literal(text, "EARER", -1, BEARER, "BEARER", hits);
        literal(text, "uthorization", -1, AUTHORIZATION, "AUTHORIZATION", hits);
        literal(text, "UTHORIZATION", -1, AUTHORIZATION, "AUTHORIZATION", hits);
        for (String prefix : API_KEY_PREFIXES) {
            literal(text, prefix, API_KEY, "API_KEY", hits);
        }
        emails(text, hits);
        numbers(text, hits);
        return hits.isEmpty() ? text : apply(text, hits);
    }

    /** Matches of {@code pattern} starting where {@code trigger} occurs at the start of a word. */
    private static void literal(String text, String trigger, Pattern pattern, String kind, List<Hit> hits) {
        literal(text, trigger, 0, pattern, kind, hits);
    }

    /** As above, the match starting {@code offset} characters after the trigger ({@code -1}: "bearer" from "earer"). */
    private static void literal(String text, String trigger, int offset, Pattern pattern, String kind, List<Hit> hits) {
        int from = 0;
        Matcher matcher = null;
        for (int at = text.indexOf(trigger, from); at >= 0; at = text.indexOf(trigger, from)) {
            int start = at + offset;
            from = at + trigger.length();
            if (start < 0 || !wordStart(text, start)) {
                continue;
            }
            if (matcher == null) {
                matcher = pattern.matcher(text);
            }
            matcher.region(start, text.length());
            if (matcher.lookingAt()) {
                hits.add(new Hit(start, matcher.end(), kind));
                from = Math.max(from, matcher.end());
            }
        }
    }

    private static void emails(String text, List<Hit> hits) {
        Matcher domain = null;
        int from = 0;
        for (int at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', from)) {
            from = at + 1;
            int start = at;
            while (start > 0 && localPart(text.charAt(start - 1))) {
                start--;
            }
            if (start == at) {
                continue;
            }
            if (domain == null) {
                domain = EMAIL_DOMAIN.matcher(text);
            }
            domain.region(at + 1, text.length());
            if (domain.lookingAt()) {
                hits.add(new Hit(start, domain.end(), "EMAIL"));
                from = domain.end();
            }
        }
    }

    /** Card numbers, IBANs, IP addresses and phone numbers, tried only where one can start. */
    private static void numbers(String text, List<Hit> hits) {
        Matcher matcher = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
            if (!(digit || upper || hex || c == '+' || c == '(') || !wordStart(text, i)) {
                continue;
            }
            if (matcher == null) {
                matcher = IPV4.matcher(text);
            }
            int end = -1;
            String kind = null;
            if (upper && i + 3 < length && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                end = match(matcher, IBAN, i, length);
                kind = end > 0 && validIban(text.substring(i, end)) ? "IBAN" : null;
            }
            if (kind == null && hex && colonAhead(text, i)) {
                end = match(matcher, IPV6, i, length);
                kind = end > 0 ? "IP_ADDRESS" : null;
            }
            if (kind == null && digit) {
                end = match(matcher, IPV4, i, length);
                kind = end > 0 ? "IP_ADDRESS" : null;
                if (kind == null) {
                    end = match(matcher, CARD, i, length);
                    kind = end > 0 && luhn(text, i, end) ? "CARD_NUMBER" : null;
                }
            }
            if (kind == null && (digit || c == '+' || c == '(')) {
                end = match(matcher, PHONE, i, length);
                kind = end > 0 && phone(text, i, end) ? "PHONE" : null;
            }
            if (kind != null) {
                hits.add(new Hit(i, end, kind));
                i = end - 1;
            } else if (digit || upper) {
                // Skip the rest of this word: a detector only starts at the start of one.
                while (i + 1 < length && Character.isLetterOrDigit(text.charAt(i + 1))) {
                    i++;
                }
            }
        }
    }

    /** The end of {@code pattern}'s match starting at {@code start}, or {@code -1}. */
    private static int match(Matcher matcher, Pattern pattern, int start, int length) {
        matcher.usePattern(pattern);
        matcher.region(start, length);
        return matcher.lookingAt() ? matcher.end() : -1;
    }

    /** An IPv6 address has a colon within its first five characters. */
    private static boolean colonAhead(String text, int start) {
        int limit = Math.min(text.length(), start + 5);
        for (int i = start; i < limit; i++) {
            if (text.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * A phone number has 9 to 15 digits and looks like one: an international {@code +} prefix, an
     * area code in parentheses, or the North American 3-3-4 grouping. Dates, amounts and plain
     * counts do not.
     */
    private static boolean phone(String text, int start, int end) {
        int digits = 0;
        for (int i = start; i < end; i++) {
            if (isDigit(text.charAt(i))) {
                digits++;
            }
        }
        if (digits < 9 || digits > 15) {
            return false;
        }
        char first = text.charAt(start);
        if (first == '+' || first == '(' || text.indexOf('(', start) >= 0 && text.indexOf('(', start) < end) {
            return true;
        }
        return digits == 10 && NORTH_AMERICAN.matcher(text).region(start, end).matches();
    }

    /** The Luhn checksum of the digits in {@code text[start, end)}. */
    static boolean luhn(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        int digits = 0;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
            digits++;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 is 1. */
    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "");
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    private static boolean wordStart(String text, int index) {
        if (index == 0) {
            return true;
        }
        char previous = text.charAt(index - 1);
        return !Character.isLetterOrDigit(previous) && previous != '_';
    }

    private static boolean localPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '.' || c == '_' || c == '%'
                || c == '+' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Replaces the hits, merging overlapping ones under the kind of the first. */
    private static String apply(String text, List<Hit> hits) {
        hits.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (Hit hit : hits) {
            if (hit.end <= copied) {
                continue;
            }
            if (hit.start >= copied) {
                out.append(text, copied, hit.start).append("[REDACTED:").append(hit.kind).append(']');
            }
            copied = hit.end;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
