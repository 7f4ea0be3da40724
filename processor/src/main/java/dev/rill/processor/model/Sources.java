package dev.rill.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The javac elements a model was read from, by stage index: where diagnostics are placed.
 * Kept beside the model, never inside it.
 */
public record Sources(TypeElement pipeline, List<ExecutableElement> stages) {
}
