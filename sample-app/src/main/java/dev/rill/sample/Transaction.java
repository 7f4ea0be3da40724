package dev.rill.sample;

/** A card payment: which card, where, how much, and when (event time in ms). */
public record Transaction(String card, String country, long amountCents, long time) {
    private static final String[] COUNTRIES = {"NL", "DE", "FR", "BE", "ES"};

    /**
     * The {@code i}-th transaction of a deterministic stream: 500 cards, one payment every 2
     * seconds overall, each card at home in one country but abroad now and then.
     */
    public static Transaction of(long i) {
        long h = Event.mix(i);
        int card = (int) Long.remainderUnsigned(h, 500);
        int home = card % COUNTRIES.length;
        boolean abroad = Long.remainderUnsigned(h >>> 20, 400) == 0;
        String country = COUNTRIES[abroad ? (home + 1 + (int) ((h >>> 40) & 3)) % COUNTRIES.length : home];
        return new Transaction(String.format("card-%03d", card), country, 100 + ((h >>> 8) & 0xFFFF), i * 2_000);
    }
}
