package dev.rill.processor.validate;

import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.Stage;
import dev.rill.processor.model.StageKind;
import dev.rill.processor.model.TypeSystem;
import dev.rill.processor.model.WindowSpec;

/** Event time and windows: a window beside a fold, with sane sizes, and timestamps upstream of it. */
final class WindowRule implements Rule {
    @Override
    public void check(PipelineModel model, Flow flow, TypeSystem types, Report report) {
        for (Stage stage : model.stages()) {
            if (stage.kind() == StageKind.EVENT_TIME && stage.maxOutOfOrderness() < 0) {
                report.add(Message.OUT_OF_ORDERNESS, Location.attribute(stage.index(), "EventTime", "maxOutOfOrderness"),
                        stage.maxOutOfOrderness(), stage.name());
            }
            WindowSpec window = stage.window();
            if (window == null) {
                continue;
            }
            if (!stage.kind().isKeyed()) {
                report.add(Message.WINDOW_WITHOUT_FOLD, Location.annotation(stage.index(), "Window"), stage.name());
            } else if (window.size() != 0 && window.gap() != 0) {
                report.add(Message.WINDOW_SIZE_AND_GAP, Location.attribute(stage.index(), "Window", "gap"), stage.name());
            } else if (window.size() <= 0 && window.gap() <= 0) {
                report.add(Message.WINDOW_SIZE, Location.annotation(stage.index(), "Window"), stage.name(),
                        window.size(), window.gap());
            } else if (window.gap() > 0 && window.slide() != 0) {
                report.add(Message.WINDOW_SIZE_AND_GAP, Location.attribute(stage.index(), "Window", "slide"), stage.name());
            } else if (window.size() > 0 && (window.slide() < 0 || window.slide() > window.size())) {
                report.add(Message.WINDOW_SLIDE, Location.attribute(stage.index(), "Window", "slide"),
                        window.slide(), stage.name(), window.size());
            } else if (window.isSession() && flow.input(stage) != null && !flow.input(stage).isValue()) {
                report.add(Message.SESSION_INPUT, Location.annotation(stage.index(), "Window"),
                        stage.kind().annotation(), stage.name(), flow.input(stage));
            } else if (!report.hasErrors(stage.index()) && !flow.inputTimestamped(stage)) {
                report.add(Message.WINDOW_WITHOUT_EVENT_TIME, Location.stage(stage.index()),
                        stage.kind().annotation(), stage.name());
            }
        }
    }
}
