#!/usr/bin/env bash
# Runs the load run (bin/analytics bench) for each wait strategy with 1 producer, then with 2, 4 and 8 producers
# (the scaling rows), writes bench/results/loadrun-*.{json,txt}, and regenerates the load-run table in
# bench/RESULTS.md. Usage: bench/loadrun.sh [DURATION]   (default 10s per run; each run also measures its Prometheus peer baseline)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration="${1:-10s}"
results="$root/bench/results"
mkdir -p "$results"
bin/analytics bench --events 1 --no-baseline --quiet >/dev/null   # builds if needed, outside the timed runs
run() {
  local name="$1"; shift
  echo "load run $name ($duration)" >&2
  bin/analytics bench --duration "$duration" --quiet --json "$results/loadrun-$name.json" "$@" > "$results/loadrun-$name.txt" 2>&1
}
rm -f "$results"/loadrun-*.json "$results"/loadrun-*.txt
for ws in sleeping yielding busy_spin blocking; do
  run "1p-$ws" --wait-strategy "$ws"
done
for n in 2 4 8; do
  run "${n}p-sleeping" --producers "$n"
done

cpu="$(lscpu | sed -n 's/^Model name: *//p') ($(lscpu | sed -n 's/^CPU(s): *//p') cpus, $(lscpu | sed -n 's/^Thread(s) per core: *//p') thread per core)"
jdk="$(java -version 2>&1 | head -1)"
flags="$(sed -n 's#.*<analytics.jvm.flags>\(.*\)</analytics.jvm.flags>.*#\1#p' pom.xml)"
# shellcheck disable=SC2086
java $flags -cp bench/target/benchmarks.jar dev.bridge.analytics.bench.LoadRunTable "$results" bench/RESULTS.md \
  "Machine: $cpu; $jdk; $(date -u +%Y-%m-%d); $duration per run."
echo "bench/RESULTS.md updated" >&2
