package dev.rill.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which exchanged records travel as their components (rebuilt downstream) and which as one
 * reference: components where the record is made right before the exchange (by the source or
 * a transform, only a {@code @KeyBy} and an {@code @EventTime} between), references otherwise, for generic records,
 * and for the values of (key, value) pairs. Integration tests check the rebuilt values.
 */
class RecordLayoutTest {
    private static String generate(String pipeline, String... stages) {
        String[] members = new String[stages.length + 2];
        members[0] = "public record Ev(long id, String name, double x) {}";
        members[1] = "public record Box<T>(T value) {}";
        System.arraycopy(stages, 0, members, 2, stages.length);
        return Compilations.generateParallelPipeline(pipeline, members);
    }

    private static final String SOURCE = "@Source public void events(Emitter<Ev> out) { out.emit(new Ev(1, \"a\", 2)); }";

    @Test
    void aRecordTheSourceEmitsStraightIntoAHashExchangeTravelsAsComponents() {
        String code = generate("Direct", SOURCE,
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Aggregate public long count(long c, Ev e) { return c + 1; }",
                "@Sink public void out(String k, long c) {}");
        assertTrue(code.contains("batch.longs[2 * row] = element.id();"), code);
        assertTrue(code.contains("batch.refs[row] = element.name();"), code);
        assertTrue(code.contains("new Direct.Ev(longs[2 * row], (String) refs[row], Double.longBitsToDouble(longs[2 * row + 1]))"), code);
        assertEquals(1, count(code, "crosses as its components"), "one flattened exchange");
        // the String key is not shipped: the keyed stage takes it again from the element
        assertTrue(code.contains("key = pipeline.key(element);"), code);
        // the record goes to the failure as its components: as an argument it could escape the JIT
        assertTrue(code.contains("throw foreignKey(key, key.hashCode(), MAX_PARALLELISM, \"key\", "
                + "element == null ? \"null\" : asShipped(element.id(), element.name(), element.x()));"), code);
    }

    @Test
    void aRecordPassingAnEventTimeAndAKeyByOnTheWayToAWindowTravelsAsComponents() {
        String code = generate("Timed", SOURCE,
                "@EventTime public long time(Ev e) { return e.id(); }",
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Aggregate @Window(size = 10) public long count(long c, Ev e) { return c + 1; }",
                "@Sink(parallelism = 1) public void out(String k, long c, TimeWindow w) {}");
        assertEquals(1, count(code, "crosses as its components"), "only the source's exchange: " + code);
        assertTrue(code.contains("batch.longs[3 * row] = element.id();"), code);
        // the event time travels beside the components, in a slot of its own
        assertTrue(code.contains("batch.longs[3 * row + 2] = timestamp;"), code);
        assertTrue(code.contains("new Timed.Ev(longs[3 * row], (String) refs[row], Double.longBitsToDouble(longs[3 * row + 1]))"), code);
    }

    @Test
    void aRecordATransformMakesForARoundRobinExchangeTravelsAsComponents() {
        String code = generate("Made", "@Source public void ids(Emitter<Long> out) { out.emit(1L); }",
                "@Transform public Ev make(long id) { return new Ev(id, \"n\", 0.5); }",
                "@Sink(parallelism = 3) public void out(Ev e) {}");
        assertTrue(code.contains("batch.longs[2 * row] = element.id();"), code);
        assertTrue(code.contains("refs[row] == Batch.NULL_RECORD ? null : new Made.Ev("), code);
    }

    @Test
    void aRecordThatPassedAFilterFirstTravelsAsAReference() {
        String code = generate("Filtered", SOURCE,
                "@Filter public boolean keep(Ev e) { return e.id() > 0; }",
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Aggregate public long count(long c, Ev e) { return c + 1; }",
                "@Sink public void out(String k, long c) {}");
        assertFalse(code.contains("crosses as its components"), code);
        assertTrue(code.contains("batch.refs[row] = element;"), code);
    }

    @Test
    void genericRecordsTravelAsReferences() {
        String code = generate("Generic", "@Source public void ids(Emitter<Long> out) { out.emit(1L); }",
                "@Transform public Box<String> box(long id) { return new Box<>(\"b\"); }",
                "@Sink(parallelism = 3) public void out(Box<String> b) {}");
        assertFalse(code.contains("crosses as its components"), code);
        assertTrue(code.contains("batch.refs[row] = element;"), code);
    }

    @Test
    void theValuesOfPairsTravelAsReferences() {
        String code = generate("Pairs", SOURCE,
                "@KeyBy public String key(Ev e) { return e.name(); }",
                "@Reduce public Ev latest(Ev a, Ev b) { return b; }",
                "@Sink(parallelism = 1) public void out(String k, Ev e) {}");
        assertEquals(1, count(code, "crosses as its components"), "only the source's exchange: " + code);
        assertTrue(code.contains("batch.refs[2 * row + 1] = value;"), code);
    }

    @Test
    void primitiveKeysStillTravelWithTheRow() {
        String code = generate("IntKey", SOURCE,
                "@KeyBy public int key(Ev e) { return (int) e.id(); }",
                "@Aggregate public long count(long c, Ev e) { return c + 1; }",
                "@Sink public void out(int k, long c) {}");
        assertTrue(code.contains("batch.longs[3 * row] = key;"), code);
        assertFalse(code.contains("ownsKey"), code);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
