#!/usr/bin/env bash
# Load run with and without remote write to a local Prometheus 2.42 (idle machine).
set -u
cd /work/main
rm -rf /tmp/promm && mkdir -p /tmp/promm && printf 'global:\n  scrape_interval: 1h\n' > /tmp/promm/p.yml
prometheus --config.file=/tmp/promm/p.yml --storage.tsdb.path=/tmp/promm/tsdb --web.listen-address=127.0.0.1:19091 \
  --web.enable-remote-write-receiver --enable-feature=native-histograms > /tmp/promm/log 2>&1 &
PROM=$!
sleep 4
for pair in ${PAIRS:-1 2}; do
  for mode in off on; do
    echo "=== pair $pair remote write $mode"
    if [ $mode = on ]; then
      bin/analytics bench --duration 10s --quiet --remote-write http://127.0.0.1:19091/api/v1/write --remote-write-label instance=run$pair 2>&1 | grep -E 'Throughput|Publish|NO LOSS|LOSS|remote write|read_latency_us' 
      sleep 2
      for q in "histogram_count(dspex_read_latency_seconds{instance=\"run$pair\"})" "dspex_read_latency_seconds_count{instance=\"run$pair\"}" "dspex_variable_read_total{instance=\"run$pair\"}" "histogram_quantile(0.99,dspex_read_latency_seconds{instance=\"run$pair\"})" "count_over_time(dspex_variable_read_total{instance=\"run$pair\"}[10m])"; do
        printf '%s = ' "$q"; curl -s --get --data-urlencode "query=$q" http://127.0.0.1:19091/api/v1/query | grep -o '"value":\[[^]]*\]'
      done
    else
      bin/analytics bench --duration 10s --quiet 2>&1 | grep -E 'Throughput|Publish|NO LOSS|LOSS|read_latency_us'
    fi
  done
done
kill $PROM
