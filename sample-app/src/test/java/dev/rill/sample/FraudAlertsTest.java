package dev.rill.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fraud example raises exactly the alerts a plain loop over the same payments finds. */
class FraudAlertsTest {
    @Test
    void alertsMatchAPlainLoop() {
        long n = 50_000;
        List<FraudAlerts.Alert> expected = new ArrayList<>();
        Map<String, Transaction> last = new HashMap<>();
        for (long i = 0; i < n; i++) {
            Transaction t = Transaction.of(i);
            Transaction previous = last.put(t.card(), t);
            if (previous != null && !previous.country().equals(t.country())
                    && t.time() - previous.time() < FraudAlerts.TEN_MINUTES) {
                expected.add(new FraudAlerts.Alert(t.card(), previous, t));
            }
        }
        assertTrue(expected.size() > 10, "the stream should contain some fraud: " + expected.size());

        List<FraudAlerts.Alert> actual = new CopyOnWriteArrayList<>();
        RillFraudAlerts.create(() -> new FraudAlerts(n, actual::add)).run();
        Comparator<FraudAlerts.Alert> bySecondPayment = Comparator.comparingLong(a -> a.second().time());
        List<FraudAlerts.Alert> sorted = new ArrayList<>(actual);
        sorted.sort(bySecondPayment);
        expected.sort(bySecondPayment);
        assertEquals(expected, sorted);
    }
}
