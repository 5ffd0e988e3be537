#!/usr/bin/env bash
# JMH suite of the recording path (dev.bridge.analytics.bench.jmh), the record-cost chart and the JMH section of
# bench/RESULTS.md, in one go:
#   bench/run.sh quick [more JMH options]   # < 10 min on 2 cores: 2 forks, 2 x 1 s warm-up, 3 x 1 s measurement, a subset
#   bench/run.sh full  [more JMH options]   # every benchmark, 5 forks, 5 x 1 s + 5 x 1 s, wait strategies sleeping and yielding
#   bench/run.sh matrix [more JMH options]  # issue 14's matrix, ~16 min on 2 cores: counter increment, gauge set and
#       histogram record at 1, 2 and 4 threads on one series and 2 threads on two series, ours (+ labelled where it
#       exists: counters at 1/2/4 threads, gauges and histograms at 1/2) against Prometheus, Micrometer and
#       OpenTelemetry; 55 benchmarks x 2 forks x (3 + 3) x 1 s; no raw baselines, no chart
# JMH_NAME=<name> names the output files bench/results/<name>.json/.log/.facts instead of jmh-<mode>-<date>.
# Builds the bench jar first if needed (mvn -B -q -DskipTests package -pl bench -am: nothing is installed into
# ~/.m2). Writes bench/results/jmh-<mode>-<date>.json, .log and .facts, (quick and full) bench/results/record-cost.html
# and record-cost-*.hgrm, then regenerates the part of
# bench/RESULTS.md between <!-- jmh:begin --> and <!-- jmh:end --> (the rest of the file is left alone). To
# regenerate that part alone (e.g. after editing bench/results/jmh-notes.md):
#   java <analytics.jvm.flags> -cp bench/target/benchmarks.jar dev.bridge.analytics.bench.jmh.ResultsTable \
#       bench/results/jmh-<mode>-<date>.json bench/RESULTS.md <mode>
# Do not run it while other measurements run on the machine: it uses both cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
results="$root/bench/results"
mode="${1:-}"
[ $# -gt 0 ] && shift
include='dev.bridge.analytics.bench.jmh.*'

case "$mode" in
  quick)
    # every 1-thread benchmark; with 2 threads, ours and the peers of the goals (Prometheus, Micrometer) and the
    # raw ring only. The rest (2-thread labelled, OpenTelemetry, Recorder and gauge peers, the single-producer
    # ring, the counter's raw ring, which is the histogram's publish again) is left to `full`, and so is
    # QueryBenchmark (each fork builds its store, ~10 s: +60 s here; `bin/analytics query-bench` times the queries).
    jmh_opts=(-f 2 -wi 2 -w 1s -i 3 -r 1s -p waitStrategy=sleeping -e 'QueryBenchmark'
              -e '.*TwoThreadsBenchmark\.(engineLabelled|openTelemetry|hdrRecorder)'
              -e 'GaugeSetTwoThreadsBenchmark\.prometheus' -e 'CounterIncrement.*\.disruptor'
              -e 'HistogramRecordBenchmark\.disruptorSingleProducer' -e '(GaugeSet|HistogramRecord)(FourThreads|TwoSeries)Benchmark')
    chart_calls=(1000000 3000000)
    ;;
  full)
    jmh_opts=(-f 5 -wi 5 -w 1s -i 5 -r 1s -p waitStrategy=sleeping,yielding)
    chart_calls=(5000000 20000000)
    ;;
  matrix)
    # the options are ProducerBenchmark's defaults, spelled out so the facts file shows them
    include='dev.bridge.analytics.bench.jmh.(CounterIncrement|GaugeSet|HistogramRecord)\w*Benchmark\.(engine|engineLabelled|prometheus|micrometer|openTelemetry)$'
    jmh_opts=(-f 2 -wi 3 -w 1s -i 3 -r 1s -p waitStrategy=sleeping)
    chart_calls=()
    ;;
  *)
    echo "usage: bench/run.sh quick|full|matrix [more JMH options]" >&2
    exit 2
    ;;
esac

needs_build() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/engine/pom.xml" "$root/cli/pom.xml" "$root/bench/pom.xml" "$root/config" \
      "$root/engine/src/main" "$root/cli/src/main" "$root/bench/src/main" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "run.sh: building: mvn -B -q -DskipTests package -pl bench -am" >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl bench -am) >&2
fi

flags="$(sed -n 's#.*<analytics.jvm.flags>\(.*\)</analytics.jvm.flags>.*#\1#p' "$root/pom.xml")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
feature="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
fork_opts=()
if [ "${feature%%.*}" -ge 24 ] 2>/dev/null; then
  flags="$flags --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fork_opts=(-jvmArgsAppend "$flags")   # the @Fork flags of the classes lack the JDK 24+ ones
fi

# run from a private copy of the jar: a rebuild by someone else during the run cannot change the forks' code
run_dir="$(mktemp -d)"
trap 'rm -rf "$run_dir"' EXIT
cp "$jar" "$run_dir/benchmarks.jar"
jar="$run_dir/benchmarks.jar"
build="$(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)"

stamp="$(date -u +%Y-%m-%d-%H%M)"
name="${JMH_NAME:-jmh-$mode-$stamp}"   # e.g. JMH_NAME=jmh-matrix-before-2026-12-06
json="$results/$name.json"
log="$results/$name.log"
mkdir -p "$results"

# JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock (an fcntl lock): wait for it
wait_for_jmh_lock() {
  command -v python3 >/dev/null || return 0
  python3 - <<'PY'
import fcntl, os, sys, time
path = "/tmp/jmh.lock"   # JMH: java.io.tmpdir, /tmp on Linux whatever TMPDIR says
said = False
while True:
    try:
        with open(path, "a") as f:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(f, fcntl.LOCK_UN)
        sys.exit(0)
    except OSError:
        if not said:
            print("run.sh: another JMH run holds " + path + "; waiting for it", file=sys.stderr, flush=True)
            said = True
        time.sleep(5)
PY
}
wait_for_jmh_lock
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
start=$(date +%s)
echo "run.sh: JMH $mode -> $json (log: $log)" >&2
# shellcheck disable=SC2086
"$java_bin" $flags -cp "$jar" org.openjdk.jmh.Main "$include" \
  "${jmh_opts[@]}" "${fork_opts[@]}" -prof gc -rf json -rff "$json" "$@" 2>&1 | tee "$log"

if [ ${#chart_calls[@]} -gt 0 ]; then
  echo "run.sh: record-cost chart (${chart_calls[1]} timed calls per implementation, one JVM each)" >&2
  for target in engine prometheus micrometer opentelemetry hdr_histogram hdr_recorder disruptor; do
    # shellcheck disable=SC2086
    "$java_bin" $flags -cp "$jar" dev.bridge.analytics.bench.jmh.RecordCostChart \
      measure "$target" sleeping "${chart_calls[0]}" "${chart_calls[1]}" "$results" 2>&1 | sed '/^\[main\] INFO/d' | tee -a "$log"
  done
  # shellcheck disable=SC2086
  "$java_bin" $flags -cp "$jar" dev.bridge.analytics.bench.jmh.RecordCostChart render "$results"
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
# facts of this run, read by ResultsTable next to the JSON (so regenerating the section later keeps them)
{
  echo "JMH options as run: \`$(printf '%s' "${jmh_opts[*]} ${fork_opts[*]} -prof gc $*" | sed 's/  */ /g; s/ *$//')\`"
  echo "Build: git $build (the working tree the jar was built from)"
  echo "Load average (1, 5, 15 min): before the run $load_before; after it $load_after"
  echo "Wall time: $(( $(date +%s) - start )) s for JMH$([ ${#chart_calls[@]} -gt 0 ] && echo ' and the chart')"
} > "${json%.json}.facts"
# shellcheck disable=SC2086
"$java_bin" $flags -cp "$jar" dev.bridge.analytics.bench.jmh.ResultsTable "$json" "$root/bench/RESULTS.md" "$mode"
echo "run.sh: done in $(( $(date +%s) - start )) s" >&2
