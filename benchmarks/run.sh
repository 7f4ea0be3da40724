#!/usr/bin/env bash
# Runs Rill's benchmark set under JMH with -prof gc and prints one table (see report.py).
#
#   benchmarks/run.sh                 # W1-W4 and the exchange microbenchmarks, about 13 minutes
#   benchmarks/run.sh W3Bench         # a subset: any JMH include regexps
#   FLINK=1 benchmarks/run.sh         # also runs benchmarks-flink (W1-W3 on Flink 2.3, ~4 more minutes;
#                                     # the first -Pflink build must be online to fetch Flink)
#   JMH_OPTS="-wi 5 -i 10" benchmarks/run.sh   # override the run length
#
# Run length: one fork, 3 warm-up and 5 measured iterations of 2 s (-f 1 -wi 3 -i 5 -w 2s -r 2s).
# A W1-W4 operation is 10 million events (0.03-1 s), so each iteration times several whole
# pipeline runs; 3 warm-ups are enough for C2 to settle on these small loops, and 5 measured
# iterations give a median. About 20 s per benchmark, 34 benchmarks (LongLivedExchangeBench's
# count once per age): ~13 minutes plus the build (FLINK=1 adds ~3-4 minutes: a Flink operation is a whole local job).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/jmh-result.json
FLINK_JAR=benchmarks-flink/target/benchmarks-flink.jar
FLINK_OUT=benchmarks-flink/target/jmh-result.json
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5 -w 2s -r 2s"}
# A Flink operation is a whole local job (2-3 s of start-up plus 2-20 s of work), so fewer iterations.
FLINK_JMH_OPTS=${FLINK_JMH_OPTS:-"-f 1 -wi 2 -i 3 -w 2s -r 2s"}

stale() { # $1 jar, rest: source dirs
    local jar=$1; shift
    [ ! -f "$jar" ] || [ -n "$(find "$@" -type f -newer "$jar" 2>/dev/null | head -1)" ]
}

if stale "$JAR" pom.xml annotations/src runtime-core/src processor/src benchmarks/src benchmarks/pom.xml; then
    echo "building $JAR" >&2
    # clean: generated pipelines are only regenerated when benchmarks itself is rebuilt from scratch
    mvn -q -B clean install -DskipTests -pl benchmarks -am
fi

INCLUDES=("$@")
if [ ${#INCLUDES[@]} -eq 0 ]; then
    INCLUDES=('dev\.rill\.bench\.(W1Bench|W2Bench|W3Bench|W4Bench|ExchangeBench|LongLivedExchangeBench)\.')
fi

# shellcheck disable=SC2086
java -jar "$JAR" "${INCLUDES[@]}" $JMH_OPTS -prof gc -rf json -rff "$OUT"
RESULTS=("$OUT")

if [ "${FLINK:-0}" = 1 ]; then
    if stale "$FLINK_JAR" benchmarks-flink/src benchmarks-flink/pom.xml; then
        echo "building $FLINK_JAR" >&2
        mvn -q -B install -DskipTests -Pflink -pl benchmarks-flink -am
    fi
    # shellcheck disable=SC2086
    java -jar "$FLINK_JAR" $FLINK_JMH_OPTS -prof gc -rf json -rff "$FLINK_OUT"
    RESULTS+=("$FLINK_OUT")
fi

echo
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), JMH $JMH_OPTS -prof gc =="
python3 benchmarks/report.py "${RESULTS[@]}"
