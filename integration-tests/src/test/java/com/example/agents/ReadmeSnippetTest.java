package com.example.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * This module is built from README's snippet: the blocks between the {@code agentotel:snippet}
 * markers in README.md and in this module's pom.xml must be the same XML, so README never shows a
 * configuration that the build has not proven.
 */
class ReadmeSnippetTest {

    private static final Path POM = Path.of("pom.xml");
    private static final Path README = Path.of("..", "README.md");

    @ParameterizedTest
    @ValueSource(strings = {"dependencies", "plugins"})
    void readmeShowsExactlyTheConfigurationThisModuleIsBuiltWith(String block) throws IOException {
        String inPom = snippet(Files.readString(POM), block);
        String inReadme = snippet(Files.readString(README), block);

        assertThat(normalize(inReadme)).isEqualTo(normalize(inPom));
    }

    @Test
    void readmeNamesTheVersionOfThisBuild() throws IOException {
        String rootPom = Files.readString(Path.of("..", "pom.xml"));
        Matcher version = Pattern.compile("<artifactId>agentotel-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(rootPom);
        assertThat(version.find()).isTrue();

        assertThat(snippet(Files.readString(README), "dependencies")).contains("<version>" + version.group(1) + "</version>");
    }

    private static String snippet(String text, String block) {
        Matcher matcher = Pattern.compile(
                        "<!-- agentotel:snippet:" + block + ":start -->(.*?)<!-- agentotel:snippet:" + block + ":end -->",
                        Pattern.DOTALL)
                .matcher(text);
        assertThat(matcher.find()).as("snippet markers for '%s'", block).isTrue();
        return matcher.group(1);
    }

    /** Same XML regardless of indentation. */
    private static String normalize(String xml) {
        return xml.replaceAll("\\s+", " ").replaceAll("> <", "><").trim();
    }
}
