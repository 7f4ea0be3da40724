package dev.rill.processor.validate;

import dev.rill.processor.model.ElementType;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.Parameter;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.TypeRef;
import dev.rill.processor.model.TypeSystem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What flows along each connection fits where it arrives, as a direct Java call would accept
 * it; accumulators keep one type; keys compare by value; generated code can name every type.
 */
final class TypeFlowRule implements Rule {
    @Override
    public void check(PipelineModel model, Flow flow, TypeSystem types, Report report) {
        for (Stage stage : model.stages()) {
            if (report.hasErrors(stage.index())) {
                continue;
            }
            checkAccess(stage, types, report);
            if (stage.kind() == StageKind.KEY_BY) {
                checkKey(stage, types, report);
            }
            if (stage.kind() == StageKind.AGGREGATE || stage.kind() == StageKind.REDUCE) {
                checkAccumulator(stage, types, report);
            }
            if (stage.kind() == StageKind.SOURCE || report.hasErrors(stage.index())) {
                continue;
            }
            List<Stage> inputs = flow.inputs(stage);
            if (inputs.isEmpty() || inputs.stream().anyMatch(i -> report.hasErrors(i.index()))) {
                continue;
            }
            ElementType element = flow.output(inputs.get(0));
            if (element == null) {
                continue;
            }
            if (!sameUnion(flow, inputs, types)) {
                report.add(Message.UNION_TYPES, Location.attribute(stage.index(), "From", "value"), stage.name(),
                        inputs.stream().map(Stage::name).collect(Collectors.joining(", ")),
                        inputs.stream().map(i -> String.valueOf(flow.output(i))).collect(Collectors.joining(", ")));
                continue;
            }
            checkAccepts(stage, inputs.get(0), element, types, report);
        }
    }

    private static boolean sameUnion(Flow flow, List<Stage> inputs, TypeSystem types) {
        ElementType first = flow.output(inputs.get(0));
        for (Stage other : inputs.subList(1, inputs.size())) {
            ElementType e = flow.output(other);
            if (e == null || e.shape() != first.shape()) {
                return false;
            }
            for (int i = 0; i < e.components().size(); i++) {
                if (!types.isSameType(e.components().get(i), first.components().get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkAccepts(Stage stage, Stage upstream, ElementType element, TypeSystem types, Report report) {
        List<Parameter> params = Flow.elementParameters(stage);
        int offset = stage.parameters().indexOf(params.get(0));
        if (element.shape() == ElementType.Shape.WINDOWED) {
            checkAcceptsWindowed(stage, upstream, element, params, types, report);
            return;
        }
        if (element.isValue()) {
            TypeRef type = element.single();
            if (params.size() != 1) {
                report.add(Message.VALUE_AS_PAIR, Location.stage(stage.index()), stage.name(), params.size(),
                        upstream.name(), type, type);
            } else if (!types.isAssignable(type, params.get(0).type())) {
                report.add(Message.TYPE_MISMATCH, Location.parameter(stage.index(), offset), stage.name(),
                        params.get(0).type(), upstream.name(), type, type);
            } else if (stage.kind() == StageKind.REDUCE && !types.isAssignable(type, stage.returnType())) {
                report.add(Message.REDUCE_ELEMENT, Location.stage(stage.index()), stage.name(), type,
                        stage.returnType(), type, stage.name(), type, type);
            }
            return;
        }
        TypeRef key = element.components().get(0);
        TypeRef value = element.components().get(1);
        boolean ok;
        if (params.size() == 2) {
            ok = types.isAssignable(key, params.get(0).type()) && types.isAssignable(value, params.get(1).type());
        } else {
            ok = params.get(0).role() == Parameter.Role.KEYED && types.acceptsKeyed(params.get(0).type(), key, value);
        }
        if (!ok || stage.kind() == StageKind.REDUCE) {
            // mark the parameter that does not fit: the value's when only the key fits
            int wrong = params.size() == 2 && types.isAssignable(key, params.get(0).type()) ? 1 : 0;
            report.add(Message.PAIR_MISMATCH, Location.parameter(stage.index(), offset + wrong), stage.name(),
                    upstream.name(), element,
                    key, value, boxed(key), boxed(value));
        }
    }

    private static void checkAcceptsWindowed(Stage stage, Stage upstream, ElementType element, List<Parameter> params,
            TypeSystem types, Report report) {
        TypeRef key = element.components().get(0);
        TypeRef value = element.components().get(1);
        TypeRef window = element.components().get(2);
        boolean ok;
        if (params.size() == 3) {
            ok = types.isAssignable(key, params.get(0).type()) && types.isAssignable(value, params.get(1).type())
                    && types.isAssignable(window, params.get(2).type());
        } else {
            ok = params.size() == 1 && params.get(0).role() == Parameter.Role.WINDOWED
                    && types.acceptsWindowed(params.get(0).type(), key, value);
        }
        if (!ok || stage.kind() == StageKind.REDUCE) {
            report.add(Message.WINDOWED_MISMATCH, Location.stage(stage.index()), stage.name(), upstream.name(),
                    element, key, value, boxed(key), boxed(value));
        }
    }

    private static String boxed(TypeRef type) {
        return type.isPrimitive() ? type.name().box().toString().replace("java.lang.", "") : type.toString();
    }

    private static void checkKey(Stage stage, TypeSystem types, Report report) {
        TypeRef key = stage.returnType();
        if (types.isArray(key)) {
            report.add(Message.ARRAY_KEY, Location.stage(stage.index()), stage.name(), key);
        } else if (!types.hasValueEquality(key)) {
            report.add(Message.KEY_EQUALITY, Location.stage(stage.index()), stage.name(), key);
        }
    }

    private static void checkAccumulator(Stage stage, TypeSystem types, Report report) {
        TypeRef acc = stage.parameters().get(0).type();
        if (!types.isSameType(acc, stage.returnType())) {
            report.add(Message.ACCUMULATOR_TYPE, Location.parameter(stage.index(), 0), stage.kind().annotation(),
                    stage.name(), stage.returnType(), acc);
        }
    }

    private static void checkAccess(Stage stage, TypeSystem types, Report report) {
        if (!types.isAccessible(stage.returnType())) {
            report.add(Message.INACCESSIBLE_TYPE, Location.stage(stage.index()), stage.name(), stage.returnType());
            return;
        }
        List<Parameter> params = stage.parameters();
        for (int i = 0; i < params.size(); i++) {
            if (!types.isAccessible(params.get(i).type())) {
                report.add(Message.INACCESSIBLE_TYPE, Location.parameter(stage.index(), i), stage.name(),
                        params.get(i).type());
                return;
            }
        }
    }
}
