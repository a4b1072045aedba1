package dev.agentotel.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.agentotel.processor.model.SourceLocation;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds where a method is declared. Lines come from javac's tree API; under another compiler, or an
 * environment that wraps javac's, locations have the file's conventional path and no line.
 */
final class SourceLocator {

    private final Elements elements;
    /** {@code null} when the compiler is not javac. */
    private final Trees trees;

    SourceLocator(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.trees = treesOf(environment);
    }

    private static Trees treesOf(ProcessingEnvironment environment) {
        try {
            return Trees.instance(environment);
        } catch (IllegalArgumentException | LinkageError e) {
            return null;
        }
    }

    /** {@code package/path/File.java:line} of {@code method}, declared in {@code type}. */
    SourceLocation locate(ExecutableElement method, TypeElement type) {
        PackageElement pkg = elements.getPackageOf(type);
        String directory = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString().replace('.', '/') + '/';
        TreePath path = trees == null ? null : trees.getPath(method);
        if (path == null) {
            return new SourceLocation(directory + topLevel(type).getSimpleName() + ".java", 0);
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        String file = unit.getSourceFile().getName();
        file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return new SourceLocation(directory + file, line(unit, (MethodTree) path.getLeaf()));
    }

    /** The declaration's line: where its return type is written, after any annotations and Javadoc. */
    private long line(CompilationUnitTree unit, MethodTree method) {
        Tree declaration = method.getReturnType() != null ? method.getReturnType() : method;
        SourcePositions positions = trees.getSourcePositions();
        long position = positions.getStartPosition(unit, declaration);
        return position < 0 ? 0 : unit.getLineMap().getLineNumber(position);
    }

    private static TypeElement topLevel(TypeElement type) {
        TypeElement current = type;
        Element enclosing = current.getEnclosingElement();
        while (enclosing instanceof TypeElement) {
            current = (TypeElement) enclosing;
            enclosing = current.getEnclosingElement();
        }
        return current;
    }
}
