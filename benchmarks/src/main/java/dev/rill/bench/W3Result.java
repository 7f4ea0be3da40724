package dev.rill.bench;

/** W3's output: {@code sum over keys of (key * 1_000_003 + lastSum)} and the number of keys. */
public record W3Result(long checksum, int keys) {
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
