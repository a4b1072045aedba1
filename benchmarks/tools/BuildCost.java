import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What agentotel costs a build: generates a Maven module with N annotated methods (N/5 classes of
 * three {@code @Tool} and two {@code @LlmCall} methods) and times {@code mvn process-classes} on it,
 * the phase that compiles, weaves and verifies, in three variants of the same sources and
 * dependencies:
 *
 * <ul>
 *   <li>{@code plain}: javac only (the annotations are inert);
 *   <li>{@code processor}: javac with agentotel-processor, no weaving;
 *   <li>{@code agentotel}: the README's configuration: processor, weaving, weave verification.
 * </ul>
 *
 * <p>Each build starts from an empty {@code target/} and runs offline in a local repository of its
 * own under {@code work}, so that nothing is installed into the user's: the agentotel jars just
 * built are copied there, and everything else is resolved once (the warm-up builds) from the
 * user's local repository, used as a read-only remote repository, or else from Maven Central.
 * Builds are interleaved (every variant and size once per round) so that a slow minute of the
 * machine hurts all of them alike; the median of the rounds is reported.
 *
 * <pre>java BuildCost.java &lt;repository root&gt; &lt;work dir&gt; &lt;out.md&gt; &lt;out.properties&gt; [rounds] [sizes...]</pre>
 */
public class BuildCost {

    static final String VERSION = "0.1.0-SNAPSHOT";
    static final List<String> VARIANTS = List.of("plain", "processor", "agentotel");
    static final int METHODS_PER_CLASS = 5;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Path markdown = Path.of(args[2]);
        Path properties = Path.of(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 1000);
        }

        Path repository = work.resolve("repository");
        Path settings = work.resolve("settings.xml");
        deleteRecursively(work.resolve("modules"));
        Files.createDirectories(repository);
        Files.writeString(settings, settings(userRepository()));
        seed(root, repository);

        Map<String, Path> modules = new LinkedHashMap<>();
        for (int size : sizes) {
            for (String variant : VARIANTS) {
                Path module = work.resolve("modules").resolve(variant + "-" + size);
                generate(module, variant, size);
                modules.put(variant + "." + size, module);
            }
        }
        // Warm-up: resolves plugins and dependencies into the private repository, and lets the
        // file system cache the sources and jars. Not measured.
        for (Path module : modules.values()) {
            build(module, repository, settings, false);
        }

        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Path> module : modules.entrySet()) {
                double s = build(module.getValue(), repository, settings, true);
                seconds.computeIfAbsent(module.getKey(), k -> new ArrayList<>()).add(s);
                System.err.printf(Locale.ROOT, "build cost: round %d/%d %s %.2f s%n", round, rounds, module.getKey(), s);
            }
        }
        report(sizes, rounds, seconds, markdown, properties);
    }

    /** Markdown table and the raw numbers. */
    static void report(List<Integer> sizes, int rounds, Map<String, List<Double>> seconds, Path markdown, Path properties)
            throws IOException {
        Properties raw = new Properties();
        raw.setProperty("repetitions", Integer.toString(rounds));
        raw.setProperty("sizes", String.join(",", sizes.stream().map(String::valueOf).toList()));
        raw.setProperty("largest", Integer.toString(sizes.get(sizes.size() - 1)));
        StringBuilder md = new StringBuilder();
        md.append("| annotated methods | plain javac | + processor | + processor, weaving, verification | overhead | per annotated method |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int size : sizes) {
            double plain = median(seconds.get("plain." + size));
            double processor = median(seconds.get("processor." + size));
            double full = median(seconds.get("agentotel." + size));
            for (String variant : VARIANTS) {
                List<Double> all = seconds.get(variant + "." + size);
                raw.setProperty("median." + variant + "." + size, format(median(all), "%.3f"));
                raw.setProperty("all." + variant + "." + size, String.join(",", all.stream().map(s -> format(s, "%.3f")).toList()));
                raw.setProperty("range." + variant + "." + size,
                        format(all.stream().min(Double::compare).orElseThrow(), "%.1f") + " … "
                                + format(all.stream().max(Double::compare).orElseThrow(), "%.1f") + " s");
            }
            md.append("| ").append(String.format(Locale.ROOT, "%,d", size))
                    .append(" | ").append(format(plain, "%.2f s"))
                    .append(" | ").append(format(processor, "%.2f s"))
                    .append(" | ").append(format(full, "%.2f s"))
                    .append(" | ").append(format((full / plain - 1) * 100, "%+.0f %%"))
                    .append(" | ").append(format((full - plain) * 1000 / size, "%.1f ms"))
                    .append(" |\n");
        }
        md.append("\nMedian wall time of `mvn -o -q process-classes` from an empty `target/` over ")
                .append(rounds).append(" interleaved rounds (all times: `")
                .append(properties.getFileName()).append("`). The overhead includes the fixed cost of the two extra\n")
                .append("plugin executions (ajc start-up, weave verification), so it falls per method as the module grows.\n");
        Files.writeString(markdown, md.toString());
        try (var out = Files.newBufferedWriter(properties)) {
            raw.store(out, "benchmarks/tools/BuildCost.java: wall seconds of mvn process-classes");
        }
        System.out.print(md);
    }

    /** Runs the build from an empty target directory and returns its wall time in seconds. */
    static double build(Path module, Path repository, Path settings, boolean offline) throws Exception {
        deleteRecursively(module.resolve("target"));
        List<String> command = new ArrayList<>(List.of(
                "mvn", "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repository, "process-classes"));
        if (offline) {
            command.add(1, "-o");
        }
        Path log = module.resolve("build.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(module.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("build failed: " + module + "\n" + Files.readString(log));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Copies the agentotel artifacts of this checkout (built by the reactor) into the private repository. */
    static void seed(Path root, Path repository) throws IOException {
        install(root.resolve("pom.xml"), null, "agentotel-parent", repository);
        for (String module : List.of("annotations", "weaver", "processor")) {
            String artifact = "agentotel-" + module;
            Path jar = root.resolve(module).resolve("target").resolve(artifact + "-" + VERSION + ".jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build the reactor first (benchmarks/run does)");
            }
            install(root.resolve(module).resolve("pom.xml"), jar, artifact, repository);
        }
    }

    static void install(Path pom, Path jar, String artifact, Path repository) throws IOException {
        Path dir = repository.resolve("dev/agentotel").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path userRepository() {
        String configured = System.getenv("MAVEN_USER_REPOSITORY");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The user's local repository as a read-only remote one, before Maven Central. */
    static String settings(Path userRepository) {
        String url = userRepository.toUri().toString();
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>user-repository</id>
                      <repositories>
                        <repository>
                          <id>user-repository</id>
                          <url>%1$s</url>
                          <snapshots><enabled>false</enabled></snapshots>
                        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                          <id>user-repository</id>
                          <url>%1$s</url>
                          <snapshots><enabled>false</enabled></snapshots>
                        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>user-repository</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(url);
    }

    static void generate(Path module, String variant, int methods) throws IOException {
        Path sources = module.resolve("src/main/java/com/example/generated");
        Files.createDirectories(sources);
        Files.writeString(module.resolve("pom.xml"), pom(variant));
        for (int c = 0; c < methods / METHODS_PER_CLASS; c++) {
            String name = String.format(Locale.ROOT, "Agent%04d", c);
            Files.writeString(sources.resolve(name + ".java"), agentClass(name, c));
        }
    }

    /** One class: three tools and two model calls, with bodies of the size such methods have. */
    static String agentClass(String name, int index) {
        return """
                package com.example.generated;

                import com.openai.models.chat.completions.ChatCompletion;
                import com.openai.models.chat.completions.ChatCompletionCreateParams;
                import dev.agentotel.annotations.LlmCall;
                import dev.agentotel.annotations.Tool;
                import dev.agentotel.annotations.ToolCallId;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.Locale;
                import java.util.Map;
                import java.util.function.Function;

                public class %1$s {

                    private final Function<ChatCompletionCreateParams, ChatCompletion> model;
                    private final Map<String, List<String>> documents;

                    public %1$s(Function<ChatCompletionCreateParams, ChatCompletion> model, Map<String, List<String>> documents) {
                        this.model = model;
                        this.documents = documents;
                    }

                    @Tool(name = "search_%2$d", description = "Searches the documents of shard %2$d")
                    public List<String> search(@ToolCallId String callId, String query, int limit) {
                        List<String> found = new ArrayList<>();
                        for (Map.Entry<String, List<String>> entry : documents.entrySet()) {
                            if (entry.getKey().contains(query.toLowerCase(Locale.ROOT)) && found.size() < limit) {
                                found.addAll(entry.getValue());
                            }
                        }
                        return found;
                    }

                    @Tool(name = "count_%2$d")
                    public int count(String text) {
                        return text.isBlank() ? 0 : text.trim().split("\\\\s+").length;
                    }

                    @Tool(name = "convert_%2$d", description = "Converts an amount between currencies")
                    public static double convert(@ToolCallId String callId, double amount, String from, String to) {
                        double rate = from.equals(to) ? 1.0 : from.compareTo(to) < 0 ? 1.08 : 0.93;
                        return Math.round(amount * rate * 100) / 100.0;
                    }

                    @LlmCall
                    public ChatCompletion chat(ChatCompletionCreateParams params) {
                        return model.apply(params);
                    }

                    @LlmCall(model = "gpt-4o-mini")
                    ChatCompletion classify(ChatCompletionCreateParams params) {
                        return model.apply(params.toBuilder().temperature(0.0).build());
                    }
                }
                """.formatted(name, index);
    }

    static String pom(String variant) {
        String processor = variant.equals("plain") ? "" : """
                      <configuration>
                        <annotationProcessorPaths>
                          <path>
                            <groupId>dev.agentotel</groupId>
                            <artifactId>agentotel-processor</artifactId>
                            <version>%s</version>
                          </path>
                        </annotationProcessorPaths>
                      </configuration>
                """.formatted(VERSION);
        String weaving = !variant.equals("agentotel") ? "" : """
                    <plugin>
                      <groupId>dev.aspectj</groupId>
                      <artifactId>aspectj-maven-plugin</artifactId>
                      <version>1.14.1</version>
                      <dependencies>
                        <dependency>
                          <groupId>org.aspectj</groupId>
                          <artifactId>aspectjtools</artifactId>
                          <version>1.9.27</version>
                        </dependency>
                      </dependencies>
                      <configuration>
                        <complianceLevel>17</complianceLevel>
                        <aspectLibraries>
                          <aspectLibrary>
                            <groupId>dev.agentotel</groupId>
                            <artifactId>agentotel-weaver</artifactId>
                          </aspectLibrary>
                        </aspectLibraries>
                        <weaveDirectories>
                          <weaveDirectory>${project.build.outputDirectory}</weaveDirectory>
                        </weaveDirectories>
                        <forceAjcCompile>true</forceAjcCompile>
                        <sources/>
                        <showWeaveInfo>true</showWeaveInfo>
                        <Xlint>adviceDidNotMatch=error</Xlint>
                      </configuration>
                      <executions>
                        <execution>
                          <id>weave-agentotel</id>
                          <phase>process-classes</phase>
                          <goals>
                            <goal>compile</goal>
                          </goals>
                        </execution>
                      </executions>
                    </plugin>
                    <plugin>
                      <groupId>org.codehaus.mojo</groupId>
                      <artifactId>exec-maven-plugin</artifactId>
                      <version>3.5.1</version>
                      <executions>
                        <execution>
                          <id>verify-agentotel-weaving</id>
                          <phase>process-classes</phase>
                          <goals>
                            <goal>java</goal>
                          </goals>
                          <configuration>
                            <mainClass>dev.agentotel.build.VerifyWeaving</mainClass>
                            <arguments>
                              <argument>${project.build.outputDirectory}</argument>
                            </arguments>
                            <classpathScope>compile</classpathScope>
                          </configuration>
                        </execution>
                      </executions>
                    </plugin>
                """;
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>build-cost-%1$s</artifactId>
                  <version>1.0</version>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>

                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>io.opentelemetry</groupId>
                        <artifactId>opentelemetry-bom</artifactId>
                        <version>1.68.0</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <dependency>
                      <groupId>dev.agentotel</groupId>
                      <artifactId>agentotel-annotations</artifactId>
                      <version>%2$s</version>
                    </dependency>
                    <dependency>
                      <groupId>dev.agentotel</groupId>
                      <artifactId>agentotel-weaver</artifactId>
                      <version>%2$s</version>
                    </dependency>
                    <dependency>
                      <groupId>com.openai</groupId>
                      <artifactId>openai-java</artifactId>
                      <version>4.101.0</version>
                    </dependency>
                  </dependencies>

                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                %3$s      </plugin>
                %4$s    </plugins>
                  </build>
                </project>
                """.formatted(variant, VERSION, processor, weaving);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String format(double value, String pattern) {
        return String.format(Locale.ROOT, pattern, value);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
