package dev.rill.processor.validate;

import dev.rill.processor.model.ExchangeHint;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.MethodInfo;
import dev.rill.processor.model.Parameter;
import dev.rill.processor.model.Parameter.Role;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.TypeRef;
import dev.rill.processor.model.TypeSystem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Each stage method on its own: callable, one annotation, the shape its annotation requires. */
final class StageShapeRule implements Rule {

    @Override
    public void check(PipelineModel model, Flow flow, TypeSystem types, Report report) {
        Set<String> names = new HashSet<>();
        for (Stage stage : model.stages()) {
            if (!names.add(stage.name())) {
                report.add(Message.DUPLICATE_STAGE, Location.stage(stage.index()), stage.name());
            }
            if (stage.isPrivate()) {
                report.add(Message.STAGE_PRIVATE, Location.stage(stage.index()), stage.name());
            }
            if (stage.isGeneric()) {
                report.add(Message.STAGE_GENERIC, Location.stage(stage.index()), stage.name());
            }
            if (stage.kinds().size() > 1) {
                report.add(Message.TWO_STAGE_ANNOTATIONS, Location.annotation(stage.index(), stage.kinds().get(1).annotation()),
                        stage.name(), stage.kinds().get(0).annotation(), stage.kinds().get(1).annotation());
            }
            checkHints(stage, report);
            String problem = shapeProblem(stage);
            if (problem != null) {
                report.add(Message.STAGE_SHAPE, Location.stage(stage.index()),
                        stage.kind().annotation(), stage.name(), problem, expected(stage.kind()));
            } else if (stage.kind() == StageKind.AGGREGATE) {
                if (!stage.initial().isEmpty()) {
                    checkInitial(model, stage, types, report);
                }
                if (!stage.merge().isEmpty()) {
                    checkMerge(model, stage, types, report);
                }
            }
        }
    }

    private static void checkHints(Stage stage, Report report) {
        if (stage.hints().size() > 1) {
            report.add(Message.TWO_EXCHANGES, Location.annotation(stage.index(), "Broadcast"), stage.name());
        } else if (stage.hint() != ExchangeHint.NONE) {
            String annotation = stage.hint() == ExchangeHint.REBALANCE ? "Rebalance" : "Broadcast";
            if (stage.kind() == StageKind.KEY_BY) {
                report.add(Message.EXCHANGE_ON_KEY_BY, Location.annotation(stage.index(), annotation),
                        annotation, stage.name(), annotation);
            } else if (stage.kind() == StageKind.SOURCE) {
                report.add(Message.EXCHANGE_ON_SOURCE, Location.annotation(stage.index(), annotation),
                        annotation, stage.name(), annotation);
            }
        }
    }

    /** What is wrong with the method's shape for its annotation, or null. */
    static String shapeProblem(Stage stage) {
        List<Parameter> params = stage.parameters();
        TypeRef ret = stage.returnType();
        switch (stage.kind()) {
            case SOURCE: {
                boolean ok = (params.size() == 1 && params.get(0).role() == Role.EMITTER)
                        || (params.size() == 2 && params.get(0).role() == Role.SOURCE_CONTEXT
                                && params.get(1).role() == Role.EMITTER);
                if (!ok) {
                    return "it takes " + describe(params);
                }
                if (Flow.emitted(stage) == null) {
                    return "its Emitter does not name an element type (" + params.get(params.size() - 1).type() + ")";
                }
                return ret.isVoid() ? null : "it returns " + ret + " instead of void";
            }
            case FLAT_MAP: {
                if (params.isEmpty() || params.get(params.size() - 1).role() != Role.EMITTER) {
                    return "its last parameter is not an Emitter";
                }
                if (Flow.emitted(stage) == null) {
                    return "its Emitter does not name an element type (" + params.get(params.size() - 1).type() + ")";
                }
                String elements = elementProblem(params.subList(0, params.size() - 1));
                if (elements != null) {
                    return elements;
                }
                return ret.isVoid() ? null : "it returns " + ret + " instead of void";
            }
            case EVENT_TIME:
                if (!ret.name().equals(com.palantir.javapoet.TypeName.LONG)) {
                    return "it returns " + ret + " instead of long";
                }
                return elementProblem(params);
            case FILTER:
                if (!ret.name().equals(TypeRef.BOOLEAN.name())) {
                    return "it returns " + ret + " instead of boolean";
                }
                return elementProblem(params);
            case TRANSFORM:
            case KEY_BY:
                if (ret.isVoid()) {
                    return "it returns void";
                }
                return elementProblem(params);
            case SINK:
                if (!ret.isVoid()) {
                    return "it returns " + ret + " instead of void";
                }
                return elementProblem(params);
            case AGGREGATE:
            case REDUCE:
                if (ret.isVoid()) {
                    return "it returns void instead of its accumulator";
                }
                if (params.size() < 2 || params.get(0).role() != Role.VALUE) {
                    return "it takes " + describe(params);
                }
                if (stage.kind() == StageKind.REDUCE && params.size() != 2) {
                    return "it takes " + describe(params);
                }
                return elementProblem(params.subList(1, params.size()));
            default:
                throw new AssertionError(stage.kind());
        }
    }

    private static String elementProblem(List<Parameter> elements) {
        if (elements.isEmpty() || elements.size() > 3) {
            return "it takes " + describe(elements) + " where the element goes";
        }
        for (Parameter p : elements) {
            if (p.role() == Role.EMITTER || p.role() == Role.SOURCE_CONTEXT) {
                return "its parameter " + p.name() + " is a " + p.type() + ", which only sources and flat maps take";
            }
        }
        return null;
    }

    private static String describe(List<Parameter> params) {
        if (params.isEmpty()) {
            return "no parameters";
        }
        StringBuilder sb = new StringBuilder("(");
        for (Parameter p : params) {
            sb.append(sb.length() > 1 ? ", " : "").append(p.type()).append(' ').append(p.name());
        }
        return sb.append(')').toString();
    }

    static String expected(StageKind kind) {
        return switch (kind) {
            case SOURCE -> "void m(Emitter<R> out) or void m(SourceContext ctx, Emitter<R> out)";
            case FILTER -> "boolean m(T in)";
            case TRANSFORM -> "R m(T in)";
            case FLAT_MAP -> "void m(T in, Emitter<R> out)";
            case KEY_BY -> "K m(T in)";
            case EVENT_TIME -> "long m(T in), returning the element's timestamp in ms";
            case AGGREGATE -> "A m(A acc, T in)";
            case REDUCE -> "T m(T acc, T in)";
            case SINK -> "void m(T in)";
        };
    }

    private static void checkInitial(PipelineModel model, Stage stage, TypeSystem types, Report report) {
        Location where = Location.attribute(stage.index(), "Aggregate", "initial");
        TypeRef acc = stage.returnType();
        List<MethodInfo> candidates = model.methods().stream().filter(m -> m.name().equals(stage.initial())).toList();
        if (candidates.isEmpty()) {
            report.add(Message.INITIAL_MISSING, where, stage.initial(), stage.name(), acc, stage.initial());
            return;
        }
        boolean ok = candidates.stream().anyMatch(m -> !m.isPrivate() && m.parameterCount() == 0
                && !m.returnType().isVoid() && types.isAssignable(m.returnType(), acc));
        if (!ok) {
            report.add(Message.INITIAL_SHAPE, where, stage.initial(), stage.name(), stage.initial(), acc);
        }
    }

    private static void checkMerge(PipelineModel model, Stage stage, TypeSystem types, Report report) {
        Location where = Location.attribute(stage.index(), "Aggregate", "merge");
        TypeRef acc = stage.returnType();
        List<MethodInfo> candidates = model.methods().stream().filter(m -> m.name().equals(stage.merge())).toList();
        if (candidates.isEmpty()) {
            report.add(Message.MERGE_MISSING, where, stage.merge(), stage.name(), acc, stage.merge(), acc, acc);
        } else if (!hasMergeShape(model, stage, types)) {
            report.add(Message.MERGE_SHAPE, where, stage.merge(), stage.name(), stage.merge(), acc, acc);
        } else if (!stage.preAggregates()) {
            report.add(Message.MERGE_UNUSED, where, stage.merge(), stage.name(), stage.name());
        }
    }

    /** Whether a method {@code @Aggregate(merge)} names has the shape {@code A m(A a, A b)}. */
    private static boolean hasMergeShape(PipelineModel model, Stage stage, TypeSystem types) {
        TypeRef acc = stage.returnType();
        return model.methods().stream()
                .anyMatch(m -> m.name().equals(stage.merge()) && !m.isPrivate() && m.parameterCount() == 2
                        && !m.returnType().isVoid() && types.isAssignable(m.returnType(), acc)
                        && m.parameterTypes().stream().allMatch(p -> types.isAssignable(acc, p)));
    }
}
