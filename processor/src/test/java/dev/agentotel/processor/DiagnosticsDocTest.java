package dev.agentotel.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentotel.processor.validate.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/diagnostics.md lists every message of the catalogue, with its severity, and no other. */
class DiagnosticsDocTest {

    private static final Path DOC = Path.of("..", "docs", "diagnostics.md");
    private static final Pattern ROW = Pattern.compile("^\\| (AGENTOTEL-\\d{3}) \\| (error|warning) \\|", Pattern.MULTILINE);

    @Test
    void everyMessageIsDocumentedWithItsSeverity() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(DOC));
        Map<String, String> documented = new LinkedHashMap<>();
        while (rows.find()) {
            documented.put(rows.group(1), rows.group(2));
        }

        Map<String, String> catalogue = Arrays.stream(Message.values()).collect(Collectors.toMap(
                Message::id, message -> message.kind().name().toLowerCase(Locale.ROOT), (a, b) -> a,
                LinkedHashMap::new));
        assertThat(documented).containsExactlyEntriesOf(catalogue);
        assertThat(Arrays.stream(Message.values()).map(Message::id)).doesNotHaveDuplicates();
    }
}
