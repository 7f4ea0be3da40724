package dev.rill.processor.write;

import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.rill.processor.model.ElementType;
import dev.rill.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.List;

/** A local variable or parameter of generated code: a name and a type. */
record Var(String name, TypeName type) {

    ParameterSpec parameter() {
        return ParameterSpec.builder(type, name).build();
    }

    /** Variables holding one element: {@code element}, or {@code key, value} for a pair ({@code inKey, inValue} beside a routing key). */
    static List<Var> element(ElementType element, boolean besideKey) {
        List<Var> vars = new ArrayList<>();
        if (element.isPair()) {
            vars.add(new Var(besideKey ? "inKey" : "key", element.components().get(0).name()));
            vars.add(new Var(besideKey ? "inValue" : "value", element.components().get(1).name()));
        } else {
            vars.add(new Var("element", element.single().name()));
        }
        return vars;
    }

    static Var key(TypeRef key) {
        return new Var("key", key.name());
    }

    static List<ParameterSpec> parameters(List<Var> vars) {
        return vars.stream().map(Var::parameter).toList();
    }

    static String names(List<Var> vars) {
        return String.join(", ", vars.stream().map(Var::name).toList());
    }
}
