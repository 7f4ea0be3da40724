package dev.rill.processor.validate;

import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.TypeSystem;

/** The {@code @Pipeline} class itself: instantiable from the generated class, sane parallelism, a source and a sink. */
final class PipelineClassRule implements Rule {
    @Override
    public void check(PipelineModel model, Flow flow, TypeSystem types, Report report) {
        String name = model.simpleName();
        if (model.isInterface()) {
            report.add(Message.PIPELINE_INTERFACE, Location.pipeline(), name);
        } else if (model.isAbstract()) {
            report.add(Message.PIPELINE_ABSTRACT, Location.pipeline(), name);
        }
        if (model.isGeneric()) {
            report.add(Message.PIPELINE_GENERIC, Location.pipeline(), name);
        }
        if (model.isPrivate()) {
            report.add(Message.PIPELINE_PRIVATE, Location.pipeline(), name, model.generated().simpleName());
        }
        if (model.isInnerClass()) {
            report.add(Message.PIPELINE_INNER, Location.pipeline(), name);
        }
        if (model.parallelism() < 1) {
            report.add(Message.PIPELINE_PARALLELISM, Location.pipelineAttribute("parallelism"), model.parallelism(), name);
        } else {
            Stage widest = model.stages().stream()
                    .max(java.util.Comparator.comparingInt(model::parallelismOf)).orElse(null);
            int largest = widest == null ? 1 : model.parallelismOf(widest);
            if (model.maxParallelism() < largest) {
                report.add(Message.MAX_PARALLELISM, Location.pipelineAttribute("maxParallelism"),
                        model.maxParallelism(), name, widest.name(), largest, largest);
            }
        }
        if (model.stages().stream().noneMatch(s -> s.kind() == StageKind.SOURCE)) {
            report.add(Message.NO_SOURCE, Location.pipeline(), name);
        }
        if (model.stages().stream().noneMatch(s -> s.kind() == StageKind.SINK)) {
            report.add(Message.NO_SINK, Location.pipeline(), name);
        }
        for (Stage stage : model.stages()) {
            if (stage.parallelism() < 0) {
                report.add(Message.STAGE_PARALLELISM,
                        Location.attribute(stage.index(), stage.kind().annotation(), "parallelism"),
                        stage.kind().annotation(), stage.parallelism(), stage.name());
            }
        }
    }
}
