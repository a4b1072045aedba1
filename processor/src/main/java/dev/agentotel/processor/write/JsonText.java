package dev.agentotel.processor.write;

import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the catalog: strings, lists and maps (in their iteration order), pretty
 * printed with two spaces, one member or element per line so that a change shows as one line.
 */
final class JsonText {

    private static final String INDENT = "  ";

    private JsonText() {}

    /** Appends {@code value}, a {@link String}, {@link List} or {@link Map} with string keys, at {@code indent}. */
    static void write(StringBuilder json, Object value, String indent) {
        if (value instanceof String) {
            quote(json, (String) value);
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                json.append("{}");
                return;
            }
            json.append("{\n");
            String inner = indent + INDENT;
            int i = 0;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                json.append(inner);
                quote(json, (String) member.getKey());
                json.append(": ");
                write(json, member.getValue(), inner);
                json.append(++i < map.size() ? ",\n" : "\n");
            }
            json.append(indent).append('}');
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            if (list.isEmpty()) {
                json.append("[]");
                return;
            }
            json.append("[\n");
            String inner = indent + INDENT;
            for (int i = 0; i < list.size(); i++) {
                json.append(inner);
                write(json, list.get(i), inner);
                json.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            json.append(indent).append(']');
        } else {
            throw new IllegalArgumentException("not a JSON string, list or map: " + value);
        }
    }

    /** Appends {@code text} as a JSON string. */
    static void quote(StringBuilder json, String text) {
        json.append('"');
        appendEscaped(json, text, true);
        json.append('"');
    }

    /**
     * Appends {@code text} with control characters, the two JavaScript line separators and unpaired
     * surrogates (which UTF-8 cannot encode) escaped as in JSON, and with {@code json} quotes and
     * backslashes too; everything else as is.
     */
    static void appendEscaped(StringBuilder out, String text, boolean json) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (json && (c == '"' || c == '\\')) {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(escape(c));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(escape(c));
            } else {
                out.append(c);
            }
        }
    }

    /** The JSON escape of one character: {@code \n}, {@code \t}, ... or a six-character unicode escape. */
    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            default:
                return String.format("\\u%04x", (int) c);
        }
    }
}
