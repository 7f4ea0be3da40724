package dev.rill.processor.validate;

import dev.rill.processor.model.ExchangeHint;
import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.TypeSystem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Who reads whom: every name resolves, nothing reads a sink, no cycles, no dangling output, keys where keys are needed. */
final class WiringRule implements Rule {
    @Override
    public void check(PipelineModel model, Flow flow, TypeSystem types, Report report) {
        String stageNames = model.stages().stream().map(Stage::name).collect(Collectors.joining(", "));
        boolean hasSource = model.stages().stream().anyMatch(s -> s.kind() == StageKind.SOURCE);
        int before = report.diagnostics().size();
        for (Stage stage : model.stages()) {
            if (stage.kind() == StageKind.SOURCE) {
                if (stage.hasFrom()) {
                    report.add(Message.FROM_ON_SOURCE, Location.annotation(stage.index(), "From"), stage.name());
                }
            } else {
                checkInputs(model, flow, stage, stageNames, hasSource, report);
            }
        }
        // Output nobody reads is usually the consequence of a wiring mistake above or a missing
        // sink: report it only when the wiring is otherwise sound, so one mistake gives one error.
        boolean hasSink = model.stages().stream().anyMatch(s -> s.kind() == StageKind.SINK);
        if (!hasSink || report.diagnostics().size() > before) {
            return;
        }
        for (Stage stage : model.stages()) {
            if (stage.kind().emits() && flow.readers(stage).isEmpty() && !report.hasErrors(stage.index())) {
                if (stage.kind() == StageKind.KEY_BY) {
                    report.add(Message.KEY_BY_NO_READER, Location.stage(stage.index()), stage.name());
                } else {
                    report.add(Message.DANGLING, Location.stage(stage.index()), stage.name());
                }
            }
        }
    }

    private void checkInputs(PipelineModel model, Flow flow, Stage stage, String stageNames, boolean hasSource,
            Report report) {
        Location fromLocation = stage.hasFrom()
                ? Location.attribute(stage.index(), "From", "value") : Location.stage(stage.index());
        for (String name : stage.from()) {
            if (model.stage(name).isEmpty()) {
                report.add(Message.FROM_UNKNOWN, stage.hasFrom()
                        ? Location.attributeElement(stage.index(), "From", "value", name) : fromLocation,
                        name, stage.name(), stageNames);
            }
        }
        List<Stage> inputs = flow.inputs(stage);
        if (inputs.isEmpty()) {
            if (!stage.hasFrom() && hasSource) {
                report.add(Message.NO_UPSTREAM, Location.stage(stage.index()), stage.name());
            }
            return;
        }
        for (Stage input : inputs) {
            if (input.kind() == StageKind.SINK) {
                report.add(Message.READS_SINK, stage.hasFrom()
                        ? Location.attributeElement(stage.index(), "From", "value", input.name()) : fromLocation,
                        stage.name(), input.name());
            }
        }
        String cycle = cycleThrough(flow, stage);
        if (cycle != null && isFirstOfCycle(flow, stage)) {
            report.add(Message.FROM_CYCLE, fromLocation, stage.name(), cycle);
            return;
        }
        if (cycle != null) {
            return; // reported on the cycle's first stage
        }
        if (stage.kind().isKeyed() && (inputs.size() != 1 || inputs.get(0).kind() != StageKind.KEY_BY)) {
            report.add(Message.KEYED_WITHOUT_KEY_BY, Location.stage(stage.index()), stage.kind().annotation(),
                    stage.name(), inputs.stream().map(Stage::name).collect(Collectors.joining(", ")));
        }
        for (Stage input : inputs) {
            if (input.kind() == StageKind.KEY_BY) {
                if (stage.kind() == StageKind.KEY_BY) {
                    report.add(Message.KEY_BY_AFTER_KEY_BY, Location.stage(stage.index()), stage.name(), input.name());
                } else if (stage.hint() != ExchangeHint.NONE && stage.hints().size() == 1) {
                    String annotation = stage.hint() == ExchangeHint.REBALANCE ? "Rebalance" : "Broadcast";
                    report.add(Message.EXCHANGE_AFTER_KEY_BY, Location.annotation(stage.index(), annotation),
                            annotation, stage.name(), input.name(), annotation);
                }
            }
        }
    }

    /** Whether no stage declared before {@code stage} lies on a cycle through it: the cycle is reported once. */
    private static boolean isFirstOfCycle(Flow flow, Stage stage) {
        Deque<Stage> todo = new ArrayDeque<>(flow.inputs(stage));
        Set<Stage> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Stage s = todo.poll();
            if (s == stage || !seen.add(s)) {
                continue;
            }
            if (s.index() < stage.index() && reaches(flow, s, stage)) {
                return false;
            }
            todo.addAll(flow.inputs(s));
        }
        return true;
    }

    /** Whether {@code target} is among the (transitive) inputs of {@code from}. */
    private static boolean reaches(Flow flow, Stage from, Stage target) {
        Deque<Stage> todo = new ArrayDeque<>(flow.inputs(from));
        Set<Stage> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Stage s = todo.poll();
            if (s == target) {
                return true;
            }
            if (seen.add(s)) {
                todo.addAll(flow.inputs(s));
            }
        }
        return false;
    }

    /** The path back to {@code stage} through its inputs, as "a -> b -> stage", or null. */
    private static String cycleThrough(Flow flow, Stage stage) {
        Deque<List<Stage>> paths = new ArrayDeque<>();
        Set<Stage> seen = new HashSet<>();
        for (Stage input : flow.inputs(stage)) {
            paths.add(List.of(input));
        }
        while (!paths.isEmpty()) {
            List<Stage> path = paths.poll();
            Stage last = path.get(path.size() - 1);
            if (last == stage) {
                return path.stream().map(Stage::name).collect(Collectors.joining(" <- "));
            }
            if (!seen.add(last)) {
                continue;
            }
            for (Stage input : flow.inputs(last)) {
                List<Stage> longer = new java.util.ArrayList<>(path);
                longer.add(input);
                paths.add(longer);
            }
        }
        return null;
    }
}
