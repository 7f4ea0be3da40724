package dev.rill.processor.validate;

/** One reported problem: which message, where, and its text. */
public record Diagnostic(Message message, Location location, String text) {
    public boolean isError() {
        return message.kind() == javax.tools.Diagnostic.Kind.ERROR;
    }
}
