package dev.rill.processor.validate;

/**
 * Where a diagnostic belongs, in model terms; the processor turns it into the javac element,
 * annotation and annotation value.
 *
 * @param stage the stage index, or -1 for the pipeline class
 * @param parameter the parameter index, or -1
 * @param annotation the simple name of the Rill annotation to mark, or null
 * @param attribute the annotation attribute whose value to mark, or null
 * @param element for an array attribute, the element to mark (as its value reads, e.g. a stage
 *     name in {@code @From}), or null for the whole value
 */
public record Location(int stage, int parameter, String annotation, String attribute, String element) {
    public Location(int stage, int parameter, String annotation, String attribute) {
        this(stage, parameter, annotation, attribute, null);
    }

    public static Location pipeline() {
        return new Location(-1, -1, null, null);
    }

    public static Location pipelineAttribute(String attribute) {
        return new Location(-1, -1, "Pipeline", attribute);
    }

    public static Location stage(int stage) {
        return new Location(stage, -1, null, null);
    }

    public static Location parameter(int stage, int parameter) {
        return new Location(stage, parameter, null, null);
    }

    public static Location annotation(int stage, String annotation) {
        return new Location(stage, -1, annotation, null);
    }

    public static Location attribute(int stage, String annotation, String attribute) {
        return new Location(stage, -1, annotation, attribute);
    }

    /** One element of an array attribute, e.g. the unknown name in {@code @From({"a", "typo"})}. */
    public static Location attributeElement(int stage, String annotation, String attribute, String element) {
        return new Location(stage, -1, annotation, attribute, element);
    }
}
