package dev.rill.processor.plan;

/** Java names derived from the user's method names. */
public final class Names {
    private Names() {
    }

    public static String upper(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
