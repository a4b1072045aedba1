package dev.agentotel.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in detectors of secrets and personal data. Each match becomes {@code [REDACTED:KIND]}.
 *
 * <p>Fast by construction: instead of running every pattern over the whole text, one pass over its
 * characters finds the few places where a detector can start (a word starting with a key's
 * prefix, {@code eyJ} or {@code bearer}; an {@code @}; two capitals before two digits; a run with
 * enough digits for a card or phone number, or three dots for an IPv4 address) and tries the
 * matching pattern there only, anchored. Card numbers must pass the Luhn check and
 * IBANs the ISO 13616 mod-97 check, so that ordinary numbers survive.
 */
final class PiiDetectors {

    /** One redacted region of the text. */
    private record Hit(int start, int end, String kind) {}

    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)authorization[\"']?\\s*[:=]\\s*[\"']?(?:basic|digest|token|apikey)?\\s*[\"']?[A-Za-z0-9._~+/=-]{8,}");
    /** {@code password=...}, {@code "api_key": "..."} and the like: the value, whatever it looks like. */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(?:password|passwd|pwd|secret|client[_-]?secret"
            + "|api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token)[\"']?\\s*[:=]\\s*[\"']?[^\\s\"',;]{4,}");
    /** Prefixes of API keys and the fewest key characters ({@code [A-Za-z0-9_-]}) after each. */
    private static final String[] API_KEY_PREFIXES = {"sk-", "pk-", "rk-", "sk_live_", "sk_test_", "rk_live_",
        "rk_test_", "AKIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxa-", "xoxb-", "xoxp-",
        "xoxr-", "xoxs-", "AIza"};
    private static final int[] API_KEY_LENGTHS = {16, 16, 16, 16, 16, 16, 16, 16, 30, 30, 30, 30, 30, 22, 20, 10, 10,
        10, 10, 10, 35};
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?");
    private static final Pattern IPV4 = Pattern.compile(
            "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(?!\\.?\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?:"
            // IPv4-mapped and -embedded forms first: ::ffff:10.0.0.1
            + "(?:[0-9a-f]{0,4}:){2,6}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}"
            + "(?!\\.?\\d)"
            + "|(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
            + "|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?"
            + "|::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?![0-9a-z:]))");
    private static final Pattern PHONE = Pattern.compile(
            "(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,5}(?!\\d)");

    /** Longest run of digits and separators looked at: more than any card, phone or address spans. */
    private static final int MAX_NUMBER_RUN = 64;

    /** Indexes into {@link #API_KEY_PREFIXES} by the prefix's first character, longest prefix first. */
    private static final int[][] PREFIXES_BY_FIRST = new int[128][];

    static {
        for (char c = 0; c < 128; c++) {
            List<Integer> indexes = new ArrayList<>();
            for (int k = 0; k < API_KEY_PREFIXES.length; k++) {
                if (API_KEY_PREFIXES[k].charAt(0) == c) {
                    indexes.add(k);
                }
            }
            indexes.sort((a, b) -> API_KEY_PREFIXES[b].length() - API_KEY_PREFIXES[a].length());
            PREFIXES_BY_FIRST[c] = indexes.isEmpty() ? null : indexes.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** {@link #ASCII} flag: a letter, digit or {@code _}; a detector starts only where a word does. */
    private static final byte WORD = 1;
    /** {@link #ASCII} flag: a detector can start with this character. */
    private static final byte START = 2;
    /** {@link #ASCII} flag: base64url, {@code [A-Za-z0-9_-]}: JWT segments and API keys. */
    private static final byte KEY = 4;
    /** {@link #ASCII} flag: a bearer token's characters, {@code [A-Za-z0-9._~+/=-]}. */
    private static final byte TOKEN = 8;
    /** {@link #ASCII} flag: a domain label's characters, {@code [A-Za-z0-9-]}. */
    private static final byte LABEL = 16;
    /** Flags of each ASCII character. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = c >= '0' && c <= '9';
            if (letter || digit || c == '_') {
                ASCII[c] |= WORD;
            }
            if (letter || digit || c == '_' || c == '-') {
                ASCII[c] |= KEY;
            }
            if (letter || digit || c == '-') {
                ASCII[c] |= LABEL;
            }
            if (letter || digit || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-') {
                ASCII[c] |= TOKEN;
            }
            // Keys and tokens (a, b, e, g, p, r, s, x; A, B), IPv6 hex (a-f, A-F), IBANs (A-Z),
            // numbers (digits, '+', '(') and IPv6's leading "::".
            if ((c >= 'a' && c <= 'g') || c == 'p' || c == 'r' || c == 's' || c == 'x' || (c >= 'A' && c <= 'Z')
                    || digit || c == '+' || c == '(' || c == ':') {
                ASCII[c] |= START;
            }
        }
    }

    /** {@link #mayStart} by the first two characters, {@code c0 * 128 + c1}. */
    private static final boolean[] PAIRS = new boolean[128 * 128];

    static {
        for (char c0 = 0; c0 < 128; c0++) {
            for (char c1 = 0; c1 < 128; c1++) {
                boolean hex0 = (c0 >= '0' && c0 <= '9') || (c0 >= 'a' && c0 <= 'f') || (c0 >= 'A' && c0 <= 'F');
                boolean hex1 = (c1 >= '0' && c1 <= '9') || (c1 >= 'a' && c1 <= 'f') || (c1 >= 'A' && c1 <= 'F');
                boolean upper0 = c0 >= 'A' && c0 <= 'Z';
                boolean upper1 = c1 >= 'A' && c1 <= 'Z';
                PAIRS[c0 * 128 + c1] = (c0 >= '0' && c0 <= '9') || c0 == '+' || c0 == '('   // numbers
                        || (c0 == ':' && (c1 == ':' || hex1))                                // "::1"
                        || (hex0 && (hex1 || c1 == ':'))                                     // IPv6
                        || (upper0 && upper1);                                                // IBAN, AKIA, AIza
            }
        }
        // Words that start a token, a key or a key-value secret, in any case where the detector allows it.
        for (String pair : new String[] {"ey", "be", "au", "ap", "ac", "cl", "pa", "pw", "se", "re"}) {
            for (int variant = 0; variant < 4; variant++) {
                char c0 = (variant & 1) == 0 ? pair.charAt(0) : Character.toUpperCase(pair.charAt(0));
                char c1 = (variant & 2) == 0 ? pair.charAt(1) : Character.toUpperCase(pair.charAt(1));
                PAIRS[c0 * 128 + c1] = true;
            }
        }
        for (String prefix : API_KEY_PREFIXES) {
            PAIRS[prefix.charAt(0) * 128 + prefix.charAt(1)] = true;
        }
    }

    private PiiDetectors() {}

    /** Whether any detector can start with {@code c0} then {@code c1}; a cheap filter before {@link #detectAt}. */
    private static boolean mayStart(char c0, char c1) {
        return c0 >= 128 || c1 >= 128 || PAIRS[c0 * 128 + c1];
    }

    /** {@code text} with every detected secret and personal datum replaced. */
    static String redact(String text) {
        List<Hit> hits = new ArrayList<>(0);
        Matchers matchers = new Matchers(text);
        emails(text, hits, matchers);
        char[] chars = text.toCharArray();
        int length = chars.length;
        boolean previousWord = false;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c == '\\' && i + 1 < length) {
                // A JSON or Java escape (\\n, \\t, \\u00a0) separates words as the character it stands for.
                i += chars[i + 1] == 'u' && i + 5 < length ? 5 : 1;
                previousWord = false;
                continue;
            }
            int kind = c < 128 ? ASCII[c] : Character.isLetterOrDigit(c) ? WORD : 0;
            if (!previousWord && (kind & START) != 0 && mayStart(c, i + 1 < length ? chars[i + 1] : 0)) {
                Hit hit = detectAt(text, i, c, matchers);
                if (hit != null) {
                    hits.add(hit);
                    i = hit.end - 1;
                    char last = chars[i];
                    previousWord = last < 128 ? (ASCII[last] & WORD) != 0 : Character.isLetterOrDigit(last);
                    continue;
                }
            }
            previousWord = (kind & WORD) != 0;
        }
        return hits.isEmpty() ? text : apply(text, hits);
    }

    /** The detector that matches at {@code i}, the start of a word or a {@code +}/{@code (}; {@code null} if none. */
    private static Hit detectAt(String text, int i, char c, Matchers matchers) {
        int end = -1;
        String kind = null;
        switch (c) {
            case 'e':
                if (text.startsWith("eyJ", i)) {
                    end = jwtEnd(text, i, matchers);
                    kind = "JWT";
                }
                break;
            case 'b':
            case 'B':
                if (text.regionMatches(true, i, "bearer", 0, 6)) {
                    end = bearerEnd(text, i + 6, matchers);
                    kind = "BEARER";
                }
                break;
            case 'a':
            case 'A':
                if (text.regionMatches(true, i, "authorization", 0, 13)) {
                    end = matchers.match(AUTHORIZATION, i);
                    kind = "AUTHORIZATION";
                } else {
                    end = apiKeyEnd(text, i, c, matchers);
                    kind = "API_KEY";
                }
                break;
            case 's':
            case 'p':
            case 'r':
            case 'g':
            case 'x':
                end = apiKeyEnd(text, i, c, matchers);
                kind = "API_KEY";
                break;
            default:
                break;
        }
        if (end < 0 && keyValueName(text, i, c)) {
            end = matchers.match(KEY_VALUE, i);
            kind = "SECRET";
        }
        if (end > 0) {
            return new Hit(i, end, kind);
        }
        return number(text, i, c, matchers);
    }

    /**
     * IBANs, IP addresses, card and phone numbers starting at {@code i}. A quick look at the run of
     * digits and separators there decides which patterns can match at all, so ordinary numbers
     * ("330 metres", "2024-08-06") cost no regular expression.
     */
    private static Hit number(String text, int i, char c, Matchers matchers) {
        int length = text.length();
        if (isUpper(c)) {
            if (i + 3 < length && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                int end = matchers.match(IBAN, i);
                if (end > 0 && validIban(text.substring(i, end))) {
                    return new Hit(i, end, "IBAN");
                }
            }
        }
        boolean digit = isDigit(c);
        if ((digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':') && colonAhead(text, i)) {
            int end = matchers.match(IPV6, i);
            if (end > 0) {
                return new Hit(i, end, "IP_ADDRESS");
            }
        }
        if (!digit && c != '+' && c != '(') {
            return null;
        }
        int digits = 0;
        int dots = 0;
        int limit = Math.min(length, i + MAX_NUMBER_RUN);
        for (int j = i; j < limit; j++) {
            char d = text.charAt(j);
            if (isDigit(d)) {
                digits++;
            } else if (d == '.') {
                dots++;
            } else if (d != ' ' && d != '-' && d != '(' && d != ')' && d != '+') {
                break;
            }
        }
        // Not the tail of a longer dotted number: "2.3.4.5" in "1.2.3.4.5".
        boolean dottedTail = i >= 2 && text.charAt(i - 1) == '.' && isDigit(text.charAt(i - 2));
        if (digit && dots >= 3 && digits >= 4 && !dottedTail) {
            int end = matchers.match(IPV4, i);
            if (end > 0) {
                return new Hit(i, end, "IP_ADDRESS");
            }
        }
        if (digit && digits >= 13) {
            int end = cardEnd(text, i);
            if (end > 0 && luhn(text, i, end)) {
                return new Hit(i, end, "CARD_NUMBER");
            }
        }
        if (digits >= 9) {
            // Without a '+' or '(' a phone number must be 3-3-4: checked by hand, no pattern needed.
            int end = c == '+' || c == '(' || parenthesisIn(text, i, limit)
                    ? matchers.match(PHONE, i)
                    : northAmericanEnd(text, i);
            if (end > 0 && phone(text, i, end)) {
                return new Hit(i, end, "PHONE");
            }
        }
        return null;
    }

    /** Whether a name {@link #KEY_VALUE} knows starts at {@code start}, looked up by its first letter. */
    private static boolean keyValueName(String text, int start, char first) {
        switch (first | 0x20) {
            case 'p':
                return matchesIgnoreCase(text, start, "pass") || matchesIgnoreCase(text, start, "pwd");
            case 's':
                return matchesIgnoreCase(text, start, "secr");
            case 'c':
                return matchesIgnoreCase(text, start, "clie");
            case 'a':
                return matchesIgnoreCase(text, start, "api") || matchesIgnoreCase(text, start, "acce")
                        || matchesIgnoreCase(text, start, "auth");
            case 'r':
                return matchesIgnoreCase(text, start, "refr");
            default:
                return false;
        }
    }

    /** {@code word} (lower case ASCII) at {@code start}, in any case. */
    private static boolean matchesIgnoreCase(String text, int start, String word) {
        if (start + word.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((text.charAt(start + i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The end of the run of characters with {@code flag} starting at {@code from}. */
    private static int run(String text, int from, byte flag, Matchers matchers) {
        int cached = matchers.runEnd(from, flag);
        if (cached >= 0) {
            return cached;
        }
        int end = from;
        int length = text.length();
        while (end < length) {
            char c = text.charAt(end);
            if (c >= 128 || (ASCII[c] & flag) == 0) {
                break;
            }
            end++;
        }
        matchers.remember(from, end, flag);
        return end;
    }

    /** {@code eyJ...}: three base64url segments, the first two of five characters or more. */
    private static int jwtEnd(String text, int start, Matchers matchers) {
        int header = run(text, start + 3, KEY, matchers);
        if (header - start < 8 || header >= text.length() || text.charAt(header) != '.') {
            return -1;
        }
        int payload = run(text, header + 1, KEY, matchers);
        if (payload - header - 1 < 5 || payload >= text.length() || text.charAt(payload) != '.') {
            return -1;
        }
        return run(text, payload + 1, KEY, matchers);
    }

    /** After {@code bearer}: white space, then a token of eight characters or more. */
    private static int bearerEnd(String text, int afterWord, Matchers matchers) {
        int token = afterWord;
        if (token < text.length() && text.charAt(token) == ':') {
            token++;
        }
        while (token < text.length() && Character.isWhitespace(text.charAt(token))) {
            token++;
        }
        if (token == afterWord) {
            return -1;
        }
        if (token < text.length() && (text.charAt(token) == '"' || text.charAt(token) == '\'')) {
            token++;
        }
        int end = run(text, token, TOKEN, matchers);
        return end - token >= 8 ? end : -1;
    }

    /** A known key prefix at {@code start}, followed by enough key characters. */
    private static int apiKeyEnd(String text, int start, char first, Matchers matchers) {
        int[] candidates = first < 128 ? PREFIXES_BY_FIRST[first] : null;
        if (candidates == null) {
            return -1;
        }
        for (int k : candidates) {
            String prefix = API_KEY_PREFIXES[k];
            if (text.startsWith(prefix, start)) {
                int end = run(text, start + prefix.length(), KEY, matchers);
                return end - start - prefix.length() >= API_KEY_LENGTHS[k] ? end : -1;
            }
        }
        return -1;
    }

    /** {@code label(.label)*.tld} from {@code start}, the top-level domain of two letters or more; else {@code -1}. */
    private static int domainEnd(String text, int start, Matchers matchers) {
        int end = run(text, start, LABEL, matchers);
        if (end == start) {
            return -1;
        }
        int result = -1;
        while (end + 1 < text.length() && text.charAt(end) == '.') {
            int labelStart = end + 1;
            int labelEnd = run(text, labelStart, LABEL, matchers);
            if (labelEnd == labelStart) {
                break;
            }
            boolean letters = labelEnd - labelStart >= 2;
            for (int i = labelStart; i < labelEnd && letters; i++) {
                char c = text.charAt(i);
                letters = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            }
            if (letters) {
                result = labelEnd;
            }
            end = labelEnd;
        }
        return result;
    }

    /**
     * The end of the longest card-like number at {@code start}: 13 to 19 digits, single spaces or
     * dashes between them, ending where no digit follows ({@code \\d(?:[ -]?\\d){12,18}(?!\\d)}).
     */
    private static int cardEnd(String text, int start) {
        int length = text.length();
        int digits = 0;
        int best = -1;
        int j = start;
        while (j < length) {
            char c = text.charAt(j);
            if (isDigit(c)) {
                digits++;
                j++;
                if (digits > 19) {
                    break;
                }
                if (digits >= 13 && (j == length || !isDigit(text.charAt(j)))) {
                    best = j;
                }
            } else if ((c == ' ' || c == '-') && j + 1 < length && isDigit(text.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        return best;
    }

    /** {@code ddd-ddd-dddd} (or spaces, dots) at {@code start}, not followed by a digit; else {@code -1}. */
    private static int northAmericanEnd(String text, int start) {
        int j = start;
        for (int group = 0; group < 3; group++) {
            if (group > 0) {
                if (j >= text.length() || " .-".indexOf(text.charAt(j)) < 0) {
                    return -1;
                }
                j++;
            }
            for (int k = group == 2 ? 4 : 3; k > 0; k--, j++) {
                if (j >= text.length() || !isDigit(text.charAt(j))) {
                    return -1;
                }
            }
        }
        return j < text.length() && isDigit(text.charAt(j)) ? -1 : j;
    }

    private static boolean parenthesisIn(String text, int from, int to) {
        for (int j = from; j < to; j++) {
            if (text.charAt(j) == '(') {
                return true;
            }
        }
        return false;
    }

    /** One matcher per pattern, made when first needed, reused within one text. */
    private static final class Matchers {
        private final String text;
        private final Map<Pattern, Matcher> matchers = new IdentityHashMap<>(4);
        /** The last run scanned per flag: a run started inside it ends where it ended (keeps scans linear). */
        private final int[] runFrom = new int[LABEL + 1];
        private final int[] runEnd = new int[LABEL + 1];

        Matchers(String text) {
            this.text = text;
            Arrays.fill(runEnd, -1);
        }

        int runEnd(int from, byte flag) {
            return from >= runFrom[flag] && from < runEnd[flag] ? runEnd[flag] : -1;
        }

        void remember(int from, int end, byte flag) {
            runFrom[flag] = from;
            runEnd[flag] = end;
        }

        /** The end of {@code pattern}'s match starting at {@code start}, or {@code -1}. */
        int match(Pattern pattern, int start) {
            Matcher matcher = matchers.get(pattern);
            if (matcher == null) {
                matcher = pattern.matcher(text);
                matchers.put(pattern, matcher);
            }
            matcher.region(start, text.length());
            return matcher.lookingAt() ? matcher.end() : -1;
        }
    }

    private static void emails(String text, List<Hit> hits, Matchers matchers) {
        int from = 0;
        for (int at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', from)) {
            from = at + 1;
            int start = at;
            while (start > 0 && localPart(text.charAt(start - 1)) && !escaped(text, start - 1)) {
                start--;
            }
            if (start == at) {
                continue;
            }
            int end = domainEnd(text, at + 1, matchers);
            if (end > 0) {
                hits.add(new Hit(start, end, "EMAIL"));
                from = end;
            }
        }
    }

    /**
     * Whether an IPv6 address can start here: at most four hex digits and a colon, and at least two
     * colons in the run of hex digits, colons and dots that follows (so "17:00" is no candidate).
     */
    private static boolean colonAhead(String text, int start) {
        int length = text.length();
        int limit = Math.min(length, start + 5);
        int i = start;
        while (i < limit && isHex(text.charAt(i))) {
            i++;
        }
        if (i >= length || text.charAt(i) != ':') {
            return false;
        }
        int colons = 0;
        for (int j = i, end = Math.min(length, start + 46); j < end; j++) {
            char c = text.charAt(j);
            if (c == ':') {
                if (++colons >= 2) {
                    return true;
                }
            } else if (!isHex(c) && c != '.') {
                return false;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * A phone number has 9 to 15 digits and looks like one: an international {@code +} prefix, an
     * area code in parentheses, or the North American 3-3-4 grouping. Dates, amounts and plain
     * counts do not.
     */
    private static boolean phone(String text, int start, int end) {
        int digits = 0;
        boolean parenthesis = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                digits++;
            } else if (c == '(') {
                parenthesis = true;
            }
        }
        if (digits < 9 || digits > 15) {
            return false;
        }
        if (text.charAt(start) == '+' || parenthesis) {
            return true;
        }
        return northAmericanEnd(text, start) == end;
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


    /** Whether {@code text[index]} ends a JSON/Java escape ({@code \\n}, {@code \\t}, {@code \\u00a0}...). */
    private static boolean escaped(String text, int index) {
        if (index >= 1 && text.charAt(index - 1) == '\\') {
            return true;
        }
        // the last hex digit of \\uXXXX
        return index >= 5 && text.charAt(index - 5) == '\\' && text.charAt(index - 4) == 'u';
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
