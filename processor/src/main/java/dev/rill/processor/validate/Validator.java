package dev.rill.processor.validate;

import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.TypeSystem;
import java.util.List;

/**
 * Runs every rule over a pipeline. Shapes come before wiring and wiring before types, and a
 * later rule skips a stage that already has an error, so one mistake gives one message.
 */
public final class Validator {
    private final List<Rule> rules = List.of(
            new PipelineClassRule(), new StageShapeRule(), new WiringRule(), new TypeFlowRule(), new WindowRule());

    public Report validate(PipelineModel model, TypeSystem types) {
        Report report = new Report();
        Flow flow = new Flow(model);
        for (Rule rule : rules) {
            rule.check(model, flow, types, report);
        }
        return report;
    }
}
