package dev.rill.bench;

/** W3's output: {@code sum over keys of (key * 1_000_003 + lastSum)} and the number of keys. */
public record W3Result(long checksum, int keys) {
    /** The result of a fold split over subtasks, {@code sums[subtask][key]}: a key's sum is the sum of its parts. */
    public static W3Result ofParts(long[][] sums, boolean[][] seen) {
        long[] total = new long[Events.W3_KEYS];
        boolean[] any = new boolean[Events.W3_KEYS];
        for (int part = 0; part < sums.length; part++) {
            for (int k = 0; k < Events.W3_KEYS; k++) {
                total[k] += sums[part][k];
                any[k] |= seen[part][k];
            }
        }
        return of(total, any);
    }

    /** The output of a table of sums indexed by key, where {@code seen[key]} marks the keys present. */
    public static W3Result of(long[] sums, boolean[] seen) {
        long checksum = 0;
        int keys = 0;
        for (int k = 0; k < sums.length; k++) {
            if (seen[k]) {
                checksum += Events.w3Term(k, sums[k]);
                keys++;
            }
        }
        return new W3Result(checksum, keys);
    }
}
