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

    /**
     * Variables holding one element: {@code element}; {@code key, value} for a pair;
     * {@code key, value, window} for a fired window ({@code inKey, ...} beside a routing key).
     */
    static List<Var> element(ElementType element, boolean besideKey) {
        List<Var> vars = new ArrayList<>();
        if (element.isValue()) {
            vars.add(new Var("element", element.single().name()));
            return vars;
        }
        String[] names = besideKey ? new String[] {"inKey", "inValue", "inWindow"} : new String[] {"key", "value", "window"};
        for (int i = 0; i < element.components().size(); i++) {
            vars.add(new Var(names[i], element.components().get(i).name()));
        }
        return vars;
    }

    static final Var TIMESTAMP = new Var("timestamp", com.palantir.javapoet.TypeName.LONG);

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
