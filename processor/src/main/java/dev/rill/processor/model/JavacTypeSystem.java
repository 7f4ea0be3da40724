package dev.rill.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** {@link TypeSystem} over javac: remembers the mirror behind every {@link TypeRef} it hands out. */
public final class JavacTypeSystem implements TypeSystem {
    private static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Boolean", "java.lang.Double", "java.lang.Float",
            "java.math.BigInteger", "java.math.BigDecimal", "java.util.UUID");

    private final Types types;
    private final Elements elements;
    private final SourceTrees trees;
    private final Map<TypeRef, TypeMirror> mirrors = new HashMap<>();

    public JavacTypeSystem(Types types, Elements elements, SourceTrees trees) {
        this.types = types;
        this.elements = elements;
        this.trees = trees;
    }

    /** The ref for a mirror, remembered for later questions. */
    public TypeRef ref(TypeMirror mirror) {
        TypeRef ref = new TypeRef(com.palantir.javapoet.TypeName.get(mirror));
        mirrors.putIfAbsent(ref, mirror);
        return ref;
    }

    private TypeMirror mirror(TypeRef ref) {
        TypeMirror mirror = mirrors.get(ref);
        if (mirror == null) {
            throw new IllegalArgumentException("no mirror for " + ref);
        }
        return mirror;
    }

    @Override
    public boolean isAssignable(TypeRef from, TypeRef to) {
        return types.isAssignable(mirror(from), mirror(to));
    }

    @Override
    public boolean isSameType(TypeRef a, TypeRef b) {
        return types.isSameType(mirror(a), mirror(b));
    }

    @Override
    public boolean isArray(TypeRef type) {
        return mirror(type).getKind() == TypeKind.ARRAY;
    }

    @Override
    public boolean hasValueEquality(TypeRef type) {
        TypeMirror mirror = mirror(type);
        if (mirror.getKind().isPrimitive()) {
            return true;
        }
        if (mirror.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement element = (TypeElement) ((DeclaredType) mirror).asElement();
        if (element.getKind() == ElementKind.RECORD || element.getKind() == ElementKind.ENUM
                || VALUE_TYPES.contains(element.getQualifiedName().toString())) {
            return true;
        }
        if (element.getKind() == ElementKind.INTERFACE) {
            return true; // the implementations decide; nothing to judge at compile time
        }
        boolean equals = false;
        boolean hashCode = false;
        for (TypeElement t = element; t != null && !t.getQualifiedName().contentEquals("java.lang.Object");
                t = superclass(t)) {
            for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
                if (m.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                if (m.getSimpleName().contentEquals("equals") && m.getParameters().size() == 1
                        && m.getParameters().get(0).asType().toString().equals("java.lang.Object")) {
                    equals = true;
                }
                if (m.getSimpleName().contentEquals("hashCode") && m.getParameters().isEmpty()) {
                    hashCode = true;
                }
            }
        }
        return equals && hashCode;
    }

    private TypeElement superclass(TypeElement t) {
        TypeMirror sup = t.getSuperclass();
        return sup.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) sup).asElement() : null;
    }

    @Override
    public boolean acceptsKeyed(TypeRef keyedParameter, TypeRef key, TypeRef value) {
        TypeElement keyed = elements.getTypeElement("dev.rill.runtime.Keyed");
        if (keyed == null) {
            return false;
        }
        DeclaredType built = types.getDeclaredType(keyed, boxed(mirror(key)), boxed(mirror(value)));
        return types.isAssignable(built, mirror(keyedParameter));
    }

    @Override
    public boolean acceptsWindowed(TypeRef windowedParameter, TypeRef key, TypeRef value) {
        TypeElement windowed = elements.getTypeElement("dev.rill.runtime.Windowed");
        if (windowed == null) {
            return false;
        }
        DeclaredType built = types.getDeclaredType(windowed, boxed(mirror(key)), boxed(mirror(value)));
        return types.isAssignable(built, mirror(windowedParameter));
    }

    private TypeMirror boxed(TypeMirror t) {
        return t.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) t).asType() : t;
    }

    @Override
    public boolean isAccessible(TypeRef type) {
        return accessible(mirror(type));
    }

    private boolean accessible(TypeMirror mirror) {
        if (mirror.getKind() == TypeKind.ARRAY) {
            return accessible(((javax.lang.model.type.ArrayType) mirror).getComponentType());
        }
        if (mirror.getKind() != TypeKind.DECLARED) {
            return true;
        }
        for (Element e = ((DeclaredType) mirror).asElement(); e != null && e.getKind() != ElementKind.PACKAGE;
                e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
        }
        for (TypeMirror arg : ((DeclaredType) mirror).getTypeArguments()) {
            if (!accessible(arg)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shape of {@code mirror} if it is a record that generated code in package {@code pkg}
     * can take apart through its accessors and rebuild through its canonical constructor: not
     * generic (its components' types are then plain), the constructor and every component type
     * accessible from {@code pkg}. Which of its members the record declares itself is known
     * only for a record compiled from source now; from a class file all count as declared.
     */
    public Optional<RecordShape> recordShape(TypeMirror mirror, String pkg) {
        if (mirror.getKind() != TypeKind.DECLARED || !accessible(mirror)) {
            return Optional.empty();
        }
        TypeElement record = (TypeElement) ((DeclaredType) mirror).asElement();
        if (record.getKind() != ElementKind.RECORD || !record.getTypeParameters().isEmpty()
                || !visibleFrom(record, pkg)) {
            return Optional.empty();
        }
        List<RecordComponentElement> components =
                ElementFilter.recordComponentsIn(record.getEnclosedElements());
        ExecutableElement canonical = canonicalConstructor(record, components);
        if (canonical == null || !visibleFrom(canonical, pkg)) {
            return Optional.empty();
        }
        // a record read from a class file does not say which of its members it declared
        boolean inSource = trees.declaredInSource(record);
        List<RecordShape.Component> shape = new ArrayList<>();
        for (RecordComponentElement c : components) {
            if (!accessible(c.asType())) {
                return Optional.empty();
            }
            // javac keeps a tree only for an accessor the record declares itself
            boolean implicitAccessor = inSource && !trees.declaredInSource(c.getAccessor());
            shape.add(new RecordShape.Component(c.getAccessor().getSimpleName().toString(), ref(c.asType()),
                    implicitAccessor));
        }
        boolean implicitConstructor = inSource && elements.getOrigin(canonical) == Elements.Origin.MANDATED;
        return Optional.of(new RecordShape(List.copyOf(shape), implicitConstructor));
    }

    private ExecutableElement canonicalConstructor(TypeElement record,
            List<RecordComponentElement> components) {
        for (ExecutableElement c : ElementFilter.constructorsIn(record.getEnclosedElements())) {
            List<? extends VariableElement> params = c.getParameters();
            if (params.size() != components.size()) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < params.size() && same; i++) {
                same = types.isSameType(params.get(i).asType(), components.get(i).asType());
            }
            if (same) {
                return c;
            }
        }
        return null;
    }

    /** Whether {@code e} and every class enclosing it may be named from package {@code pkg}. */
    private boolean visibleFrom(Element e, String pkg) {
        boolean samePackage = elements.getPackageOf(e).getQualifiedName().contentEquals(pkg);
        for (Element at = e; at != null && at.getKind() != ElementKind.PACKAGE; at = at.getEnclosingElement()) {
            Set<Modifier> modifiers = at.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || !modifiers.contains(Modifier.PUBLIC) && !samePackage) {
                return false;
            }
        }
        return true;
    }
}
