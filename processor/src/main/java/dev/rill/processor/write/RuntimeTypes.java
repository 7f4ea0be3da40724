package dev.rill.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code names; the processor never loads them. */
final class RuntimeTypes {
    private RuntimeTypes() {
    }

    static final String RUNTIME = "dev.rill.runtime";
    static final ClassName EMITTER = ClassName.get(RUNTIME, "Emitter");
    static final ClassName KEYED = ClassName.get(RUNTIME, "Keyed");
    static final ClassName WINDOWED = ClassName.get(RUNTIME, "Windowed");
    static final ClassName TIME_WINDOW = ClassName.get(RUNTIME, "TimeWindow");
    static final ClassName WINDOW_SET = ClassName.get(RUNTIME + ".window", "WindowSet");
    static final ClassName WATERMARKS = ClassName.get(RUNTIME + ".window", "Watermarks");
    static final ClassName PIPELINE_RESULT = ClassName.get(RUNTIME, "PipelineResult");
    static final ClassName RUNNING_PIPELINE = ClassName.get(RUNTIME, "RunningPipeline");
    static final ClassName BATCH = ClassName.get(RUNTIME + ".exchange", "Batch");
    static final ClassName BATCH_CHANNEL = ClassName.get(RUNTIME + ".exchange", "BatchChannel");
    static final ClassName KEY_GROUPS = ClassName.get(RUNTIME + ".exchange", "KeyGroups");
    static final ClassName KEY_GROUP_MEMO = ClassName.get(RUNTIME + ".exchange", "KeyGroupMemo");
    static final ClassName SMALL_KEY_GROUPS = ClassName.get(RUNTIME + ".exchange", "SmallKeyGroups");
    static final ClassName JOB = ClassName.get(RUNTIME + ".exec", "Job");
    static final ClassName METRICS = ClassName.get(RUNTIME + ".exec", "Metrics");
    static final ClassName SOURCE_SUBTASK = ClassName.get(RUNTIME + ".exec", "SourceSubtask");
    static final ClassName EXCHANGE_SUBTASK = ClassName.get(RUNTIME + ".exec", "ExchangeSubtask");
    static final String STATE = RUNTIME + ".state";
}
