package dev.rill.processor.model;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * javac's syntax trees of the classes being compiled, for the two questions the element API
 * cannot answer: how a stage method's body uses a parameter, and whether a record declares an
 * accessor itself. Where there are no trees (a compiler other than javac, an environment
 * wrapped by a build tool, a type read from a class file) every answer is the safe one.
 *
 * <p>Bodies are read as parsed, before javac attributes them, so names are not resolved: every
 * identifier spelled like the parameter counts as a use of it. A local class inside the body
 * may declare a field of that name; reading its uses too only adds calls or makes the answer
 * {@link ParameterUse#WHOLE}, never hides a use of the parameter, which Java lets a body reach
 * only by its simple name.
 */
public final class SourceTrees {
    private final Trees trees;

    private SourceTrees(Trees trees) {
        this.trees = trees;
    }

    public static SourceTrees of(ProcessingEnvironment env) {
        try {
            return new SourceTrees(Trees.instance(env));
        } catch (IllegalArgumentException | LinkageError notJavac) { // not javac's environment, or no jdk.compiler
            return none();
        }
    }

    /** Answers every question safely: what the processor sees without trees. */
    public static SourceTrees none() {
        return new SourceTrees(null);
    }

    /** Whether {@code element} is declared in a source being compiled, rather than read from a class file or implied. */
    boolean declaredInSource(Element element) {
        try {
            return trees != null && trees.getTree(element) != null;
        } catch (RuntimeException unexpected) { // an optimisation must never fail a build
            return false;
        }
    }

    /** How the body of {@code method} uses its parameter number {@code index}. */
    ParameterUse use(ExecutableElement method, int index) {
        try {
            MethodTree tree = trees == null ? null : trees.getTree(method);
            TreePath path = tree == null ? null : trees.getPath(method);
            if (tree == null || tree.getBody() == null || path == null) {
                return ParameterUse.WHOLE;
            }
            Uses uses = new Uses(method.getParameters().get(index).getSimpleName().toString());
            uses.scan(new TreePath(path, tree.getBody()), null);
            return uses.whole ? ParameterUse.WHOLE : new ParameterUse(false, uses.calls);
        } catch (RuntimeException unexpected) { // an optimisation must never fail a build
            return ParameterUse.WHOLE;
        }
    }

    /**
     * Collects {@code name.m()} calls; {@code name == null} and {@code name != null} read
     * nothing; any other mention of {@code name} makes the use whole.
     */
    private static final class Uses extends TreePathScanner<Void, Void> {
        private final String name;
        private final Set<String> calls = new HashSet<>();
        private boolean whole;

        Uses(String name) {
            this.name = name;
        }

        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
            if (!identifier.getName().contentEquals(name)) {
                return null;
            }
            TreePath parent = getCurrentPath().getParentPath();
            if (parent.getLeaf() instanceof BinaryTree compare && isNullCheck(compare)) {
                return null; // a record crossing as its components stays null when it was null
            }
            if (parent.getLeaf() instanceof MemberSelectTree select && select.getExpression() == identifier) {
                Tree call = parent.getParentPath().getLeaf();
                if (call instanceof MethodInvocationTree invocation && invocation.getMethodSelect() == select
                        && invocation.getArguments().isEmpty() && invocation.getTypeArguments().isEmpty()) {
                    calls.add(select.getIdentifier().toString());
                    return null;
                }
            }
            whole = true;
            return null;
        }

        private static boolean isNullCheck(BinaryTree compare) {
            return (compare.getKind() == Tree.Kind.EQUAL_TO || compare.getKind() == Tree.Kind.NOT_EQUAL_TO)
                    && (compare.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL
                            || compare.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL);
        }
    }
}
