package dev.rill.sample;

import dev.rill.annotation.Aggregate;
import dev.rill.annotation.Filter;
import dev.rill.annotation.KeyBy;
import dev.rill.annotation.Pipeline;
import dev.rill.annotation.Sink;
import dev.rill.annotation.Source;
import dev.rill.runtime.Emitter;
import java.util.function.Consumer;

/**
 * A card used in two countries within ten minutes raises an alert. Transactions are keyed by
 * card; per card, a running fold keeps the last transaction and notes an alert when the new
 * one is in another country less than ten minutes later; alerts reach one printing sink.
 *
 * <p>The source has parallelism 1, so each card's transactions reach its keyed subtask in
 * time order (order is kept per channel); the fold runs at parallelism 2.
 */
@Pipeline(parallelism = 2)
public final class FraudAlerts {
    static final long TEN_MINUTES = 10 * 60 * 1_000;

    /** What the fold keeps per card: its last transaction, and the alert the latest one raised, if any. */
    public record CardActivity(Transaction last, Alert alert) {
    }

    /** Two payments with one card in two countries within ten minutes. */
    public record Alert(String card, Transaction first, Transaction second) {
        @Override
        public String toString() {
            return String.format("ALERT %s: %s at %,d s, then %s at %,d s (%,d s apart)", card, first.country(),
                    first.time() / 1_000, second.country(), second.time() / 1_000,
                    (second.time() - first.time()) / 1_000);
        }
    }

    private final long transactions;
    private final Consumer<Alert> alerts;

    public FraudAlerts(long transactions, Consumer<Alert> alerts) {
        this.transactions = transactions;
        this.alerts = alerts;
    }

    @Source(parallelism = 1)
    public void payments(Emitter<Transaction> out) {
        for (long i = 0; i < transactions; i++) {
            out.emit(Transaction.of(i));
        }
    }

    @KeyBy
    public String card(Transaction t) {
        return t.card();
    }

    @Aggregate
    public CardActivity activity(CardActivity previous, Transaction t) {
        Alert alert = null;
        if (previous != null && !previous.last().country().equals(t.country())
                && t.time() - previous.last().time() < TEN_MINUTES) {
            alert = new Alert(t.card(), previous.last(), t);
        }
        return new CardActivity(t, alert);
    }

    @Filter
    public boolean suspicious(String card, CardActivity activity) {
        return activity.alert() != null;
    }

    @Sink(parallelism = 1)
    public void alert(String card, CardActivity activity) {
        alerts.accept(activity.alert());
    }
}
