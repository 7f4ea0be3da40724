package dev.rill.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code @Pipeline} class as declared: plain values, no javac elements, so that the
 * planner and the writers can be tested without a compiler.
 *
 * @param type the pipeline class
 * @param generated the class Rill generates for it ({@code RillX}, {@code RillOuter_Inner})
 * @param parallelism {@code @Pipeline(parallelism)}
 * @param maxParallelism {@code @Pipeline(maxParallelism)}: the number of key groups
 * @param isAbstract,isGeneric,isPrivate,isInnerClass class shape, checked by validation
 * @param isInterface an interface (or annotation type) rather than a class
 * @param stages in source order
 * @param methods the class's other methods
 * @param timeWindow the runtime's {@code TimeWindow}, the third component of windowed output
 * @param records the record types among the stages' types that may cross an exchange as their
 *     components (see {@link RecordShape}), by type name
 */
public record PipelineModel(
        ClassName type,
        ClassName generated,
        int parallelism,
        int maxParallelism,
        boolean isAbstract,
        boolean isGeneric,
        boolean isPrivate,
        boolean isInnerClass,
        boolean isInterface,
        List<Stage> stages,
        List<MethodInfo> methods,
        TypeRef timeWindow,
        Map<TypeName, RecordShape> records) {

    /** The shape of a single element's record type among {@link #records()}, or null (a pair, or not such a record). */
    public RecordShape recordShape(ElementType element) {
        return element.isValue() ? records.get(element.single().name()) : null;
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The parallelism a stage runs at: its own, or the pipeline's default. */
    public int parallelismOf(Stage stage) {
        return stage.parallelism() > 0 ? stage.parallelism() : parallelism;
    }

    public String simpleName() {
        return String.join(".", type.simpleNames());
    }
}
