package dev.agentotel.internal;

import dev.agentotel.annotations.AgentRun;
import dev.agentotel.annotations.Iteration;
import dev.agentotel.annotations.LlmCall;
import dev.agentotel.annotations.Tool;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks, after a build's weaving step, that every method of a module carrying {@code @AgentRun},
 * {@code @Iteration}, {@code @LlmCall} or {@code @Tool} was woven, and that the annotation
 * processor saw each of them (it lists them in {@value #JOIN_POINTS}).
 *
 * <p>The weaver marks every method it weaves with {@link Woven}, in the same pass; a method with a
 * span annotation and without the mark went through no weaving, so its annotation would silently
 * do nothing. Classes are loaded without initialization, only to read their methods' annotations.
 */
public final class WeaveVerification {

    /** Written by the processor: one {@code class#method(parameter types)} per instrumented method. */
    public static final String JOIN_POINTS = "META-INF/agentotel/join-points.txt";

    private static final List<Class<? extends Annotation>> SPAN_ANNOTATIONS =
            List.of(AgentRun.class, Iteration.class, LlmCall.class, Tool.class);

    private WeaveVerification() {}

    /**
     * What a verification found.
     *
     * @param annotated every annotated method found, {@code class#key} to its annotation
     * @param unwoven annotated methods without the weaver's mark
     * @param unlisted annotated methods of named classes the processor did not list
     * @param outOfProcessorSight annotated methods of local or anonymous classes, which annotation
     *     processors cannot see (not a failure: the runtime reads their annotations)
     * @param missing listed methods not found in the classes
     * @param uninspectable classes that could not be loaded, with the reason
     * @param processorRan whether the processor's list was there
     */
    public record Result(Map<String, String> annotated, List<String> unwoven, List<String> unlisted,
            List<String> outOfProcessorSight, List<String> missing, List<String> uninspectable, boolean processorRan) {

        public boolean failed() {
            return !unwoven.isEmpty() || !unlisted.isEmpty() || !missing.isEmpty();
        }

        /** The failure report: what, why, how to fix; or a one-line summary when nothing failed. */
        public String report() {
            if (!failed()) {
                return "[agentotel] Weave verification: " + annotated.size() + " annotated method"
                        + (annotated.size() == 1 ? "" : "s") + ", all woven.";
            }
            StringBuilder report = new StringBuilder("[agentotel] Weave verification failed.");
            if (!unwoven.isEmpty()) {
                list(report, unwoven, "annotated method was not woven", "annotated methods were not woven",
                        ", so the annotation would do nothing at run time:");
                report.append("\nWhy: agentotel's aspect is added by the aspectj-maven-plugin (goal compile in phase"
                        + " process-classes, agentotel-weaver under aspectLibraries, ${project.build.outputDirectory}"
                        + " under weaveDirectories); these classes did not go through it: the plugin is missing,"
                        + " skipped, or its includes, excludes or weaveDirectories leave them out."
                        + "\nFix: configure the plugin exactly as README's \"Use it in your project\" shows, then"
                        + " rebuild (mvn clean verify).");
            }
            if (!unlisted.isEmpty()) {
                list(report, unlisted, "annotated method was not checked", "annotated methods were not checked",
                        " by the agentotel annotation processor:");
                report.append(processorRan
                        ? "\nWhy: the classes were compiled in another javac run than the processor's list"
                                + " (a partial, incremental compilation).\nFix: rebuild from clean (mvn clean verify)."
                        : "\nWhy: the processor did not run, so nothing validated these methods or generated their"
                                + " attribute extractors.\nFix: add agentotel-processor to the maven-compiler-plugin's"
                                + " annotationProcessorPaths, as README's \"Use it in your project\" shows.");
            }
            if (!missing.isEmpty()) {
                list(report, missing, "method the processor instrumented", "methods the processor instrumented",
                        " could not be found in the compiled classes:");
                report.append("\nWhy: the classes were removed or changed after compilation, or could not be loaded")
                        .append(uninspectable.isEmpty() ? "" : " (" + String.join("; ", uninspectable) + ")")
                        .append(".\nFix: rebuild from clean (mvn clean verify).");
            }
            return report.toString();
        }

        /** "N {one|many}{tail}" and one line per method, with its annotation when it has one. */
        private void list(StringBuilder report, List<String> ids, String one, String many, String tail) {
            report.append('\n').append(ids.size()).append(' ').append(ids.size() == 1 ? one : many).append(tail);
            for (String id : ids) {
                report.append("\n  ").append(id);
                String annotation = annotated.get(id);
                if (annotation != null) {
                    report.append(" (@").append(annotation).append(')');
                }
            }
        }
    }

    /** Verifies the compiled classes under {@code classes}, loading them through {@code loader}. */
    public static Result verify(Path classes, ClassLoader loader) throws IOException {
        Path listFile = classes.resolve(JOIN_POINTS);
        boolean processorRan = Files.isRegularFile(listFile);
        Set<String> listed = new LinkedHashSet<>();
        if (processorRan) {
            for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    listed.add(line.strip());
                }
            }
        }
        Map<String, String> annotated = new TreeMap<>();
        List<String> unwoven = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        List<String> outOfSight = new ArrayList<>();
        List<String> uninspectable = new ArrayList<>();
        for (String className : classNames(classes)) {
            Method[] methods;
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
                methods = type.getDeclaredMethods();
            } catch (ClassNotFoundException | LinkageError e) {
                uninspectable.add(className + ": " + e);
                continue;
            }
            for (Method method : methods) {
                // javac copies annotations onto bridge methods; they only forward to the real one,
                // which carries the join point, and AspectJ never weaves them.
                String annotation = method.isBridge() || method.isSynthetic() ? null : spanAnnotation(method);
                if (annotation == null) {
                    continue;
                }
                String id = type.getName() + '#' + MethodPlans.methodKey(method.getName(), method.getParameterTypes());
                annotated.put(id, annotation);
                if (!method.isAnnotationPresent(Woven.class)) {
                    unwoven.add(id);
                }
                if (!listed.contains(id)) {
                    (type.isAnonymousClass() || type.isLocalClass() ? outOfSight : unlisted).add(id);
                }
            }
        }
        List<String> missing = listed.stream().filter(id -> !annotated.containsKey(id)).collect(Collectors.toList());
        unwoven.sort(null);
        unlisted.sort(null);
        return new Result(annotated, unwoven, unlisted, outOfSight, missing, uninspectable, processorRan);
    }

    private static String spanAnnotation(Method method) {
        for (Class<? extends Annotation> annotation : SPAN_ANNOTATIONS) {
            if (method.isAnnotationPresent(annotation)) {
                return annotation.getSimpleName();
            }
        }
        return null;
    }

    private static List<String> classNames(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString())
                    .filter(name -> !name.endsWith("module-info.class") && !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace(classes.getFileSystem().getSeparator(), "."))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
