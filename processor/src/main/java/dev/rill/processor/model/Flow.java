package dev.rill.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who reads whom and what flows along each connection, derived from the declared stages:
 * a stage reads the stage declared above it, or the ones {@code @From} names. Tolerant of
 * mistakes (unknown names, cycles, missing emitters give no input or no type) so that
 * validation can use it to report them and the planner can rely on it once they are gone.
 */
public final class Flow {
    private final PipelineModel model;
    private final Map<Integer, ElementType> outputs = new HashMap<>();
    private final Map<Integer, Boolean> visiting = new HashMap<>();
    private final Map<Integer, Boolean> timestamped = new HashMap<>();

    public Flow(PipelineModel model) {
        this.model = model;
    }

    /** The stages {@code stage} reads from, in the order named. */
    public List<Stage> inputs(Stage stage) {
        List<Stage> inputs = new ArrayList<>();
        if (stage.kind() == StageKind.SOURCE) {
            return inputs;
        }
        if (stage.hasFrom()) {
            for (String name : stage.from()) {
                model.stage(name).ifPresent(inputs::add);
            }
        } else if (stage.index() > 0) {
            inputs.add(model.stages().get(stage.index() - 1));
        }
        return inputs;
    }

    /** The stages that read {@code stage}, in source order. */
    public List<Stage> readers(Stage stage) {
        List<Stage> readers = new ArrayList<>();
        for (Stage candidate : model.stages()) {
            if (inputs(candidate).contains(stage)) {
                readers.add(candidate);
            }
        }
        return readers;
    }

    /** The parameters that receive the element (not the accumulator, emitter or context). */
    public static List<Parameter> elementParameters(Stage stage) {
        List<Parameter> params = stage.parameters();
        return switch (stage.kind()) {
            case SOURCE -> List.of();
            case AGGREGATE, REDUCE -> params.isEmpty() ? List.of() : params.subList(1, params.size());
            case FLAT_MAP -> params.stream().filter(p -> p.role() != Parameter.Role.EMITTER).toList();
            default -> params;
        };
    }

    /** The emitter parameter's element type, for sources and flat maps; null when there is none. */
    public static TypeRef emitted(Stage stage) {
        for (Parameter p : stage.parameters()) {
            if (p.role() == Parameter.Role.EMITTER) {
                return p.emitted();
            }
        }
        return null;
    }

    /** What the stage reads: the output of its first input; null if unknown. */
    public ElementType input(Stage stage) {
        List<Stage> inputs = inputs(stage);
        return inputs.isEmpty() ? null : output(inputs.get(0));
    }

    /** The key type of a keyed stage: the return type of the {@code @KeyBy} it reads; null if none. */
    public TypeRef keyType(Stage stage) {
        List<Stage> inputs = inputs(stage);
        if (inputs.size() == 1 && inputs.get(0).kind() == StageKind.KEY_BY) {
            TypeRef key = inputs.get(0).returnType();
            return key.isVoid() ? null : key;
        }
        return null;
    }

    /**
     * Whether the stage's output carries event timestamps: it assigns them ({@code @EventTime}),
     * emits fired windows (stamped with the window's last timestamp), or reads a stream that
     * carries them.
     */
    public boolean isTimestamped(Stage stage) {
        Boolean known = timestamped.get(stage.index());
        if (known != null) {
            return known;
        }
        timestamped.put(stage.index(), false); // cycles: reported by validation
        boolean result = stage.kind() == StageKind.EVENT_TIME || stage.isWindowed() || inputTimestamped(stage);
        timestamped.put(stage.index(), result);
        return result;
    }

    /** Whether any stream the stage reads carries event timestamps. */
    public boolean inputTimestamped(Stage stage) {
        for (Stage input : inputs(stage)) {
            if (isTimestamped(input)) {
                return true;
            }
        }
        return false;
    }

    /** What the stage emits; null for sinks and where it cannot be told (cycles, missing parts). */
    public ElementType output(Stage stage) {
        if (outputs.containsKey(stage.index())) {
            return outputs.get(stage.index());
        }
        if (visiting.putIfAbsent(stage.index(), Boolean.TRUE) != null) {
            return null; // a cycle: reported by validation
        }
        ElementType out = compute(stage);
        visiting.remove(stage.index());
        outputs.put(stage.index(), out);
        return out;
    }

    private ElementType compute(Stage stage) {
        return switch (stage.kind()) {
            case SOURCE, FLAT_MAP -> {
                TypeRef emitted = emitted(stage);
                yield emitted == null ? null : ElementType.value(emitted);
            }
            case FILTER, KEY_BY, EVENT_TIME -> input(stage);
            case TRANSFORM -> stage.returnType().isVoid() ? null : ElementType.value(stage.returnType());
            case AGGREGATE, REDUCE -> {
                TypeRef key = keyType(stage);
                if (key == null || stage.returnType().isVoid()) {
                    yield null;
                }
                if (stage.isWindowed()) {
                    yield model.timeWindow() == null ? null
                            : ElementType.windowed(key, stage.returnType(), model.timeWindow());
                }
                yield ElementType.pair(key, stage.returnType());
            }
            case SINK -> null;
        };
    }
}
