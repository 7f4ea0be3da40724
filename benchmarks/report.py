#!/usr/bin/env python3
"""Prints run.sh's tables from JMH -rf json files (benchmarks and, if given, benchmarks-flink).

Scores are the median of the measured iterations (events/s: every benchmark declares its
events per operation with @OperationsPerInvocation), +- JMH's 99.9% error. Allocation is
gc.alloc.rate.norm from -prof gc; JMH divides it by the operations including
@OperationsPerInvocation, so it already reads in bytes per event (check: an Event record is
40 bytes, and variants that materialise every event show 40.0).
"""
import json
import sys

N_EVENTS = 10_000_000  # events per operation (Events.N)

rows = {}
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        params = "".join("[%s=%s]" % kv for kv in sorted((r.get("params") or {}).items()))
        key = (name[-2], name[-1] + params)  # (class, method[param=value]...)
        pm = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        err = pm.get("scoreError")
        rows[key] = {
            "median": pm["scorePercentiles"]["50.0"],
            "error": err if isinstance(err, (int, float)) and err == err else 0.0,
            "alloc": alloc,
        }


def get(cls, method):
    return rows.get((cls, method))


def fmt_rate(r):
    return "%8.1f M/s ±%5.1f" % (r["median"] / 1e6, r["error"] / 1e6) if r else "%18s" % "-"


def fmt_alloc(r):
    return "%8.2f" % r["alloc"] if r and r["alloc"] is not None else "%8s" % "-"


def ratio(a, b):
    return "%6.2fx" % (a["median"] / b["median"]) if a and b else "%7s" % "-"


print()
print("%-4s | %-20s | %-20s | %7s | %10s | %10s | %-20s | %9s" % (
    "", "Rill events/s", "hand-written ev/s", "ratio", "Rill B/ev", "hand B/ev",
    "hand exchange ev/s", "Rill/exch"))
print("-" * 121)
for w in ("W1", "W2", "W3", "W4"):
    rill, hand = get(w + "Bench", "rill"), get(w + "Bench", "handWritten")
    exchange = get(w + "Bench", "handWrittenExchange")  # HandWrittenExchange: the floor with the same threads
    if rill or hand:
        print("%-4s | %-20s | %-20s | %7s | %10s | %10s | %-20s | %9s" % (
            w, fmt_rate(rill), fmt_rate(hand), ratio(rill, hand), fmt_alloc(rill), fmt_alloc(hand),
            fmt_rate(exchange), ratio(rill, exchange)))

pre = get("W4Bench", "rillPreAggregated")
if pre:
    hand = get("W4Bench", "handWritten")
    print("%-4s | %-20s | %-20s | %7s | %10s | %10s |  W4 with @Aggregate(merge): pre-aggregated" % (
        "W4m", fmt_rate(pre), fmt_rate(hand), ratio(pre, hand), fmt_alloc(pre), fmt_alloc(hand)))

kg = [(w, get(w + "Bench", "handWrittenExchangeKeyGroups")) for w in ("W2", "W4")]
if any(r for _, r in kg):
    print()
    print("The hand exchange partitioned by SPEC's (Flink's) key groups, as Rill must: four of W4's five")
    print("colors and three of W2's four go to one subtask (the lowest hash bit above splits them evenly):")
    for w, r in kg:
        if r:
            rill, hand = get(w + "Bench", "rill"), get(w + "Bench", "handWritten")
            print("%-4s | %-20s | loop %7s | Rill/this %7s" % (w, fmt_rate(r), ratio(r, hand), ratio(rill, r)))

print()
print("Every variant, ratio to the single-threaded hand-written loop of the same run:")
print("%-34s | %-20s | %7s | %8s" % ("benchmark", "events/s", "ratio", "B/event"))
print("-" * 80)
for (cls, method), r in sorted(rows.items()):
    if cls.startswith("W"):
        hand = get(cls, "handWritten")
        print("%-34s | %-20s | %7s | %8s" % (cls + "." + method, fmt_rate(r), ratio(r, hand), fmt_alloc(r)))

flink = [(k, v) for k, v in rows.items() if k[0].startswith("Flink") and k[1] != "emptyJob"]
if flink:
    empty = get("FlinkBench", "emptyJob")
    startup = 1.0 / empty["median"] if empty else 0.0
    print()
    print("Rill against Flink 2.3 (local MiniCluster, object reuse on), same sitting. An operation is")
    print("a whole job of %d M events; starting and stopping an empty local job takes %.2f s, shown" % (N_EVENTS / 1e6, startup))
    print("apart as 'Flink w/o start': events / (time per job - empty job time).")
    print("%-6s | %-20s | %-20s | %-12s | %10s | %12s" % (
        "", "Flink events/s", "Rill events/s", "Flink w/o start", "Rill/Flink", "Rill/(w/o st)"))
    for (cls, method), r in sorted(flink):
        w = method[:2].upper()
        rill = get(w + "Bench", "rill")
        per_job = N_EVENTS / r["median"]
        steady = N_EVENTS / (per_job - startup) if per_job > startup else float("inf")
        steady_ratio = "%11.2fx" % (rill["median"] / steady) if rill else "-"
        print("%-6s | %-20s | %-20s | %9.1f M/s | %10s | %12s" % (
            w, fmt_rate(r), fmt_rate(rill), steady / 1e6, ratio(rill, r), steady_ratio))

ch = get("ExchangeBench", "rillBatchChannel")
if ch:
    print()
    print("Exchange hand-off, elements/s:")
    for method in ("rillBatchChannel", "jctoolsSpsc", "arrayBlockingQueue"):
        r = get("ExchangeBench", method)
        print("%-20s | %-20s | Rill/this %s | %8s B/el" % (method, fmt_rate(r), ratio(ch, r), fmt_alloc(r)))
    large = get("ExchangeBench", "rillBatchChannelLarge")
    if large:
        # Four times the elements in flight: Rill with 4,096-row batches (what the planner gives an
        # exchange of at most two channels per upstream subtask when the pipeline has event
        # time), JCTools with the same capacity.
        for method in ("rillBatchChannelLarge", "jctoolsSpscLarge"):
            r = get("ExchangeBench", method)
            print("%-21s | %-20s | Rill large/this %s | %8s B/el" % (method, fmt_rate(r), ratio(large, r), fmt_alloc(r)))
        print("Rill large / JCTools at its default capacity: %s" % ratio(large, get("ExchangeBench", "jctoolsSpsc")))

ll = {(m, age): get("LongLivedExchangeBench", "%s[age=%s]" % (m, age))
      for m in ("rillBatchChannel", "jctoolsSpsc") for age in ("perOperation", "promoted")}
if ll[("rillBatchChannel", "promoted")]:
    print()
    print("Long-lived exchange: fresh elements, the queue built per operation or promoted to the old generation:")
    for method in ("rillBatchChannel", "jctoolsSpsc"):
        young, old = ll[(method, "perOperation")], ll[(method, "promoted")]
        print("%-20s | per operation %s | promoted %s | promoted/per op %s | %8s B/el" % (
            method, fmt_rate(young), fmt_rate(old), ratio(old, young), fmt_alloc(old)))
    print("Rill/JCTools: per operation %s, promoted %s" % (
        ratio(ll[("rillBatchChannel", "perOperation")], ll[("jctoolsSpsc", "perOperation")]),
        ratio(ll[("rillBatchChannel", "promoted")], ll[("jctoolsSpsc", "promoted")])))
