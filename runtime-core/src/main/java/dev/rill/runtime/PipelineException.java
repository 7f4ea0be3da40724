package dev.rill.runtime;

/**
 * Thrown by {@code run()} or {@link RunningPipeline#await()} when user code failed: the
 * message names the stage method, the subtask and the element (its {@code toString()}, cut
 * short); {@link #getCause()} is what the user's code threw. The whole pipeline is stopped.
 *
 * <pre>{@code
 * try {
 *     RillOrders.create(Orders::new).run();
 * } catch (PipelineException e) {
 *     log.error("stage {} failed on {}", e.stage(), e.element(), e.getCause());
 * }
 * }</pre>
 */
public class PipelineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Longest element description kept in the message. */
    static final int MAX_ELEMENT_CHARS = 200;

    private final String stage;
    private final int subtask;
    private final String element;

    public PipelineException(String stage, int subtask, String element, Throwable cause) {
        super(message(stage, subtask, element, cause), cause);
        this.stage = stage;
        this.subtask = subtask;
        this.element = element;
    }

    /** The method name of the stage that failed. */
    public String stage() {
        return stage;
    }

    /** The index of the subtask that failed. */
    public int subtask() {
        return subtask;
    }

    /** The element being processed, as its (shortened) {@code toString()}; null for a source. */
    public String element() {
        return element;
    }

    /**
     * Describes {@code element} for a message: its {@code toString()}, cut to 200 characters;
     * never throws, even if {@code toString()} does.
     */
    public static String describe(Object element) {
        String text;
        try {
            text = String.valueOf(element);
        } catch (RuntimeException | StackOverflowError e) {
            text = element.getClass().getName() + " (toString() threw " + e.getClass().getSimpleName() + ")";
        }
        return text.length() <= MAX_ELEMENT_CHARS ? text : text.substring(0, MAX_ELEMENT_CHARS) + "...";
    }

    private static String message(String stage, int subtask, String element, Throwable cause) {
        return "stage " + stage + " (subtask " + subtask + ") failed"
                + (element == null ? "" : " on element " + element)
                + ": " + cause;
    }
}
