package dev.rill.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@code @Pipeline} class from javac's elements into a {@link PipelineModel}. It
 * records what is declared without judging it; {@link Sources} keeps the elements behind
 * each stage so that diagnostics land on the right method, parameter or annotation value.
 */
public final class ModelReader {
    public static final String ANNOTATION_PACKAGE = "dev.rill.annotation";
    private static final String RUNTIME_PACKAGE = "dev.rill.runtime";

    private final JavacTypeSystem types;
    private final javax.lang.model.util.Elements elements;
    private final SourceTrees trees;
    /** Every declared type the stages mention, for {@link PipelineModel#records()}. */
    private final List<TypeMirror> mentioned = new ArrayList<>();

    public ModelReader(JavacTypeSystem types, javax.lang.model.util.Elements elements, SourceTrees trees) {
        this.types = types;
        this.elements = elements;
        this.trees = trees;
    }

    /** The model and, for diagnostics, the elements it came from. */
    public record Result(PipelineModel model, Sources sources, boolean hasUnresolvedTypes) {
    }

    public Result read(TypeElement type) {
        AnnotationMirror pipeline = annotation(type, "Pipeline");
        int parallelism = pipeline == null ? 1 : intValue(pipeline, "parallelism");
        int maxParallelism = pipeline == null ? 128 : intValue(pipeline, "maxParallelism");

        ClassName className = ClassName.get(type);
        ClassName generated = ClassName.get(className.packageName(), "Rill" + String.join("_", className.simpleNames()));

        boolean[] unresolved = {false};
        List<Stage> stages = new ArrayList<>();
        List<ExecutableElement> stageElements = new ArrayList<>();
        List<MethodInfo> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            List<StageKind> kinds = new ArrayList<>();
            for (AnnotationMirror a : method.getAnnotationMirrors()) {
                StageKind kind = StageKind.forAnnotation(annotationName(a));
                if (kind != null && isRill(a)) {
                    kinds.add(kind);
                }
            }
            if (kinds.isEmpty()) {
                methods.add(new MethodInfo(method.getSimpleName().toString(),
                        method.getModifiers().contains(Modifier.STATIC),
                        method.getModifiers().contains(Modifier.PRIVATE),
                        method.getParameters().stream().map(p -> ref(p.asType(), unresolved)).toList(),
                        ref(method.getReturnType(), unresolved)));
                continue;
            }
            stages.add(readStage(stages.size(), method, kinds, unresolved));
            stageElements.add(method);
        }

        boolean isInner = type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC);
        boolean isPrivate = false;
        for (javax.lang.model.element.Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            isPrivate |= e.getModifiers().contains(Modifier.PRIVATE);
        }
        PipelineModel model = new PipelineModel(className, generated, parallelism, maxParallelism,
                type.getModifiers().contains(Modifier.ABSTRACT), !type.getTypeParameters().isEmpty(),
                isPrivate, isInner || type.getNestingKind() == NestingKind.LOCAL
                        || type.getNestingKind() == NestingKind.ANONYMOUS,
                type.getKind().isInterface(),
                List.copyOf(stages), List.copyOf(methods), timeWindow(unresolved),
                unresolved[0] ? Map.of() : records(className.packageName()));
        return new Result(model, new Sources(type, stageElements), unresolved[0]);
    }

    private Stage readStage(int index, ExecutableElement method, List<StageKind> kinds, boolean[] unresolved) {
        StageKind kind = kinds.get(0);
        AnnotationMirror stageAnnotation = annotation(method, kind.annotation());
        int parallelism = kind.hasParallelism() ? intValue(stageAnnotation, "parallelism") : 0;
        String initial = kind == StageKind.AGGREGATE ? stringValue(stageAnnotation, "initial") : "";
        String merge = kind == StageKind.AGGREGATE ? stringValue(stageAnnotation, "merge") : "";

        // a body that an override may replace says nothing about what runs
        boolean overridable = !method.getModifiers().contains(Modifier.STATIC)
                && !method.getModifiers().contains(Modifier.FINAL)
                && !method.getEnclosingElement().getModifiers().contains(Modifier.FINAL);
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < method.getParameters().size(); i++) {
            Parameter p = parameter(method.getParameters().get(i), unresolved);
            if (!overridable && p.role() == Parameter.Role.VALUE) {
                p = new Parameter(p.name(), p.type(), p.role(), p.emitted(), trees.use(method, i));
            }
            parameters.add(p);
        }

        AnnotationMirror fromAnnotation = annotation(method, "From");
        List<String> from = new ArrayList<>();
        if (fromAnnotation != null) {
            Object value = value(fromAnnotation, "value");
            if (value instanceof List<?> list) {
                for (Object v : list) {
                    from.add(String.valueOf(((AnnotationValue) v).getValue()));
                }
            }
        }
        WindowSpec window = null;
        AnnotationMirror windowAnnotation = annotation(method, "Window");
        if (windowAnnotation != null) {
            window = new WindowSpec(longValue(windowAnnotation, "size"), longValue(windowAnnotation, "slide"),
                    longValue(windowAnnotation, "gap"));
        }
        long maxOutOfOrderness = kind == StageKind.EVENT_TIME ? longValue(stageAnnotation, "maxOutOfOrderness") : 0;
        List<ExchangeHint> hints = new ArrayList<>();
        if (annotation(method, "Rebalance") != null) {
            hints.add(ExchangeHint.REBALANCE);
        }
        if (annotation(method, "Broadcast") != null) {
            hints.add(ExchangeHint.BROADCAST);
        }
        return new Stage(index, method.getSimpleName().toString(), kind, List.copyOf(kinds),
                method.getModifiers().contains(Modifier.STATIC), method.getModifiers().contains(Modifier.PRIVATE),
                !method.getTypeParameters().isEmpty(), List.copyOf(parameters),
                ref(method.getReturnType(), unresolved), parallelism, List.copyOf(from), fromAnnotation != null,
                List.copyOf(hints), initial, merge, window, maxOutOfOrderness);
    }

    private Parameter parameter(VariableElement p, boolean[] unresolved) {
        TypeMirror type = p.asType();
        String name = p.getSimpleName().toString();
        TypeRef ref = ref(type, unresolved);
        if (type.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) type;
            String qualified = ((TypeElement) declared.asElement()).getQualifiedName().toString();
            switch (qualified) {
                case RUNTIME_PACKAGE + ".Emitter": {
                    List<? extends TypeMirror> args = declared.getTypeArguments();
                    TypeRef emitted = args.size() == 1 && args.get(0).getKind() != TypeKind.WILDCARD
                            ? ref(args.get(0), unresolved) : null;
                    return new Parameter(name, ref, Parameter.Role.EMITTER, emitted, ParameterUse.WHOLE);
                }
                case RUNTIME_PACKAGE + ".SourceContext":
                    return new Parameter(name, ref, Parameter.Role.SOURCE_CONTEXT, null, ParameterUse.WHOLE);
                case RUNTIME_PACKAGE + ".Keyed":
                    return new Parameter(name, ref, Parameter.Role.KEYED, null, ParameterUse.WHOLE);
                case RUNTIME_PACKAGE + ".Windowed":
                    return new Parameter(name, ref, Parameter.Role.WINDOWED, null, ParameterUse.WHOLE);
                default:
                    break;
            }
        }
        return new Parameter(name, ref, Parameter.Role.VALUE, null, ParameterUse.WHOLE);
    }

    private TypeRef timeWindow(boolean[] unresolved) {
        TypeElement type = elements.getTypeElement(RUNTIME_PACKAGE + ".TimeWindow");
        return type == null ? null : ref(type.asType(), unresolved);
    }

    private TypeRef ref(TypeMirror mirror, boolean[] unresolved) {
        if (containsError(mirror)) {
            unresolved[0] = true;
        }
        if (mirror.getKind() == TypeKind.DECLARED) {
            mentioned.add(mirror);
        }
        return types.ref(mirror);
    }

    /** The records among the mentioned types that generated code in {@code pkg} can take apart and rebuild. */
    private Map<TypeName, RecordShape> records(String pkg) {
        Map<TypeName, RecordShape> records = new HashMap<>();
        Set<TypeName> seen = new HashSet<>();
        for (TypeMirror mirror : mentioned) {
            TypeName name = types.ref(mirror).name();
            if (seen.add(name)) { // a type is mentioned once per parameter and return type
                types.recordShape(mirror, pkg).ifPresent(shape -> records.put(name, shape));
            }
        }
        return Map.copyOf(records);
    }

    private static boolean containsError(TypeMirror mirror) {
        if (mirror.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (mirror.getKind() == TypeKind.DECLARED) {
            for (TypeMirror arg : ((DeclaredType) mirror).getTypeArguments()) {
                if (containsError(arg)) {
                    return true;
                }
            }
        }
        if (mirror.getKind() == TypeKind.ARRAY) {
            return containsError(((javax.lang.model.type.ArrayType) mirror).getComponentType());
        }
        return false;
    }

    // --- annotation access by name, so the processor never loads the annotation classes ---

    private static boolean isRill(AnnotationMirror a) {
        TypeElement type = (TypeElement) a.getAnnotationType().asElement();
        return type.getQualifiedName().toString().startsWith(ANNOTATION_PACKAGE + ".");
    }

    private static String annotationName(AnnotationMirror a) {
        return a.getAnnotationType().asElement().getSimpleName().toString();
    }

    /** The Rill annotation with this simple name on the element, or null. */
    public static AnnotationMirror annotation(javax.lang.model.element.Element element, String simpleName) {
        for (AnnotationMirror a : element.getAnnotationMirrors()) {
            if (isRill(a) && annotationName(a).equals(simpleName)) {
                return a;
            }
        }
        return null;
    }

    /** The annotation value of this attribute, with defaults. */
    public static AnnotationValue attribute(AnnotationMirror annotation, String name) {
        Map<? extends ExecutableElement, ? extends AnnotationValue> values = annotation.getElementValues();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        for (ExecutableElement m : ElementFilter.methodsIn(annotation.getAnnotationType().asElement().getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(name)) {
                return m.getDefaultValue();
            }
        }
        return null;
    }

    private static Object value(AnnotationMirror annotation, String name) {
        AnnotationValue v = attribute(annotation, name);
        return v == null ? null : v.getValue();
    }

    private static int intValue(AnnotationMirror annotation, String name) {
        Object v = value(annotation, name);
        return v instanceof Integer i ? i : 0;
    }

    private static long longValue(AnnotationMirror annotation, String name) {
        Object v = value(annotation, name);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String stringValue(AnnotationMirror annotation, String name) {
        Object v = value(annotation, name);
        return v instanceof String s ? s : "";
    }
}
