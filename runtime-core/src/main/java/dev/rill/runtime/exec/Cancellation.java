package dev.rill.runtime.exec;

/**
 * The internal signal that unwinds a subtask's thread once its job is cancelled or has
 * failed: every wait in the runtime checks the job and throws this, and it travels up through
 * fused user code to {@link Subtask}, which swallows it.
 *
 * <p>One shared instance without a stack trace: it is thrown on purpose, carries no
 * information beyond "stop", and filling in a stack trace on every thread of a large job at
 * cancel time would cost for nothing. Generated code must let it pass:
 * {@link Subtask#failure(String, Object, Throwable)} returns it unchanged.
 */
public final class Cancellation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The only instance. */
    public static final Cancellation INSTANCE = new Cancellation();

    private Cancellation() {
        super("pipeline cancelled", null, false, false);
    }
}
