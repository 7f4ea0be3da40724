package dev.rill.processor.validate;

import dev.rill.processor.model.Flow;
import dev.rill.processor.model.PipelineModel;
import dev.rill.processor.model.TypeSystem;

/** One family of checks on a pipeline; each adds what it finds to the report. */
interface Rule {
    void check(PipelineModel model, Flow flow, TypeSystem types, Report report);
}
