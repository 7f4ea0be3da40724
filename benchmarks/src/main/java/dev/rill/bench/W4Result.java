package dev.rill.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * W4's output: every fired {@code (windowStart, color, count)}, sorted by window start then
 * color, whatever order the triples were produced in.
 */
public record W4Result(List<Count> counts) {
    /** One fired window of one color. */
    public record Count(long windowStart, String color, long count) {
    }

    private static final Comparator<Count> ORDER =
            Comparator.comparingLong(Count::windowStart).thenComparing(Count::color);

    public W4Result {
        List<Count> sorted = new ArrayList<>(counts);
        sorted.sort(ORDER);
        counts = List.copyOf(sorted);
    }

    /** Short enough for an exception message: the size, the total count and the first triples. */
    @Override
    public String toString() {
        long total = counts.stream().mapToLong(Count::count).sum();
        return "W4Result[" + counts.size() + " triples, total count " + total + ", first "
                + counts.subList(0, Math.min(3, counts.size())) + "]";
    }
}
