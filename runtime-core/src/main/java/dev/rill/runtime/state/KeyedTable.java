package dev.rill.runtime.state;

/**
 * What every keyed-state table offers beyond its typed lookups: being emptied whole, so that a
 * window's table, once the window has fired, serves the next window instead of becoming
 * garbage ({@code dev.rill.runtime.window.WindowSet}).
 */
public interface KeyedTable {
    /**
     * Removes every key, keeping the table's capacity; values held by reference are let go.
     * Costs a pass over the slots, as firing a window does anyway.
     */
    void clear();
}
