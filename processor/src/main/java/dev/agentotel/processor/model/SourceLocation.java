package dev.agentotel.processor.model;

/**
 * Where a method is declared, as a reviewer finds it: the source file's path below its source root
 * and the line of the declaration. No absolute paths, so a build anywhere writes the same.
 *
 * @param path {@code dev/agentotel/example/ResearchAgent.java}
 * @param line 1-based line of the declaration, {@code 0} when the compiler does not tell
 */
public record SourceLocation(String path, long line) {

    /** {@code path:line}, or the path alone when the line is unknown. */
    @Override
    public String toString() {
        return line > 0 ? path + ':' + line : path;
    }
}
