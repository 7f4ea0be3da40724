package dev.rill.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.rill.processor.model.JavacTypeSystem;
import dev.rill.processor.model.ModelReader;
import dev.rill.processor.model.SourceTrees;
import dev.rill.processor.model.Sources;
import dev.rill.processor.plan.JobGraph;
import dev.rill.processor.plan.Planner;
import dev.rill.processor.validate.Diagnostic;
import dev.rill.processor.validate.Location;
import dev.rill.processor.validate.Message;
import dev.rill.processor.validate.Report;
import dev.rill.processor.validate.Validator;
import dev.rill.processor.write.PipelineWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;

/**
 * Rill's annotation processor: for each {@code @Pipeline} class, model -> validate -> plan ->
 * write. Each phase runs only if the one before reported no error. A pipeline whose types are
 * not resolved yet (made by another processor in a later round) is deferred by name and read
 * again next round. Whatever goes wrong inside Rill becomes one error on the pipeline class,
 * never a crash of javac.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes(ModelReader.ANNOTATION_PACKAGE + ".Pipeline")
public final class RillProcessor extends AbstractProcessor {
    private final Set<String> deferred = new LinkedHashSet<>();
    /** Generated class name -> the pipeline it was generated for, across rounds: names must not clash. */
    private final java.util.Map<String, String> generatedFor = new java.util.HashMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        List<TypeElement> pipelines = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                pipelines.add(type);
            }
        }
        deferred.clear();
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ModelReader.ANNOTATION_PACKAGE + ".Pipeline");
        if (annotation != null) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element instanceof TypeElement type && !pipelines.contains(type)) {
                    pipelines.add(type);
                }
            }
        }
        for (TypeElement type : pipelines) {
            process(type, round.processingOver());
        }
        return false;
    }

    private void process(TypeElement type, boolean lastRound) {
        String phase = "reading";
        try {
            SourceTrees trees = SourceTrees.of(processingEnv);
            JavacTypeSystem types = new JavacTypeSystem(processingEnv.getTypeUtils(), processingEnv.getElementUtils(), trees);
            ModelReader.Result read = new ModelReader(types, processingEnv.getElementUtils(), trees).read(type);
            if (read.hasUnresolvedTypes()) {
                if (lastRound) {
                    reportUnresolved(type, read.model().simpleName());
                } else {
                    deferred.add(type.getQualifiedName().toString());
                }
                return;
            }
            phase = "validating";
            Report report = new Validator().validate(read.model(), types);
            for (Diagnostic d : report.diagnostics()) {
                print(read.sources(), d);
            }
            if (report.hasErrors()) {
                return;
            }
            phase = "planning";
            JobGraph graph = new Planner().plan(read.model());
            phase = "writing";
            JavaFile file = new PipelineWriter().write(graph);
            phase = "saving the generated class of";
            String generated = read.model().generated().canonicalName();
            String owner = generatedFor.putIfAbsent(generated, read.model().simpleName());
            if (owner != null || processingEnv.getElementUtils().getTypeElement(generated) != null) {
                processingEnv.getMessager().printMessage(Message.NAME_CLASH.kind(), Message.NAME_CLASH.format(
                        read.model().simpleName(), read.model().generated().simpleName(),
                        owner != null ? owner : generated), type);
                return;
            }
            save(file, type);
        } catch (Throwable t) {
            String what = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
                    Message.PROCESSOR_FAILURE.format(phase, type.getQualifiedName(), what), type);
        }
    }

    /** Names the first method (or parameter) whose type javac could not resolve, on that element. */
    private void reportUnresolved(TypeElement type, String pipeline) {
        Element at = type;
        String what = "pipeline " + pipeline;
        String unresolved = "a type";
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            TypeMirror bad = unresolved(method.getReturnType());
            Element where = method;
            for (VariableElement p : method.getParameters()) {
                if (bad == null && (bad = unresolved(p.asType())) != null) {
                    where = p;
                }
            }
            if (bad != null) {
                at = where;
                what = method.getSimpleName() + "(" + method.getParameters().stream()
                        .map(p -> p.asType().toString().replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Z])", ""))
                        .collect(java.util.stream.Collectors.joining(", ")) + ")";
                unresolved = bad.toString();
                break;
            }
        }
        processingEnv.getMessager().printMessage(Message.UNRESOLVED_TYPES.kind(),
                Message.UNRESOLVED_TYPES.format(what, unresolved, pipeline), at);
    }

    private static TypeMirror unresolved(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return type;
        }
        if (type instanceof ArrayType array) {
            return unresolved(array.getComponentType());
        }
        if (type instanceof DeclaredType declared) {
            for (TypeMirror arg : declared.getTypeArguments()) {
                TypeMirror bad = unresolved(arg);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    /** One file per pipeline, originating from exactly its class: what Gradle's isolating mode needs. */
    private void save(JavaFile file, TypeElement type) throws IOException {
        String name = file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
        JavaFileObject source = processingEnv.getFiler().createSourceFile(name, type);
        try (Writer writer = source.openWriter()) {
            file.writeTo(writer);
        }
    }

    /** Puts a diagnostic on the most precise element: the annotation value, the annotation, the parameter, the method or the class. */
    private void print(Sources sources, Diagnostic d) {
        Location at = d.location();
        Element element = at.stage() < 0 ? sources.pipeline() : sources.stages().get(at.stage());
        if (at.parameter() >= 0) {
            element = ((ExecutableElement) element).getParameters().get(at.parameter());
        }
        AnnotationMirror annotation = at.annotation() == null ? null : ModelReader.annotation(element, at.annotation());
        AnnotationValue value = annotation == null || at.attribute() == null ? null
                : annotation.getElementValues().entrySet().stream()
                        .filter(e -> e.getKey().getSimpleName().contentEquals(at.attribute()))
                        .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        if (value != null && at.element() != null && value.getValue() instanceof List<?> elements) {
            // mark the one name that is wrong, not the whole array
            value = elements.stream().map(AnnotationValue.class::cast)
                    .filter(v -> at.element().equals(String.valueOf(v.getValue()))).findFirst().orElse(value);
        }
        var messager = processingEnv.getMessager();
        if (value != null) {
            messager.printMessage(d.message().kind(), d.text(), element, annotation, value);
        } else if (annotation != null) {
            messager.printMessage(d.message().kind(), d.text(), element, annotation);
        } else {
            messager.printMessage(d.message().kind(), d.text(), element);
        }
    }
}
