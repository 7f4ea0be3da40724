package dev.rill.processor.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What validation found in one pipeline. Rules add to it and keep going, so users see every mistake at once. */
public final class Report {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Integer> stagesWithErrors = new HashSet<>();

    public void add(Message message, Location location, Object... args) {
        Diagnostic d = new Diagnostic(message, location, message.format(args));
        diagnostics.add(d);
        if (d.isError() && location.stage() >= 0) {
            stagesWithErrors.add(location.stage());
        }
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Whether the stage already has an error, so later rules do not pile consequences on it. */
    public boolean hasErrors(int stage) {
        return stagesWithErrors.contains(stage);
    }
}
