#!/usr/bin/env bash
# Pairs per second with N generators and N raters, each its own process, against one standalone
# broker and one learner, all with their standalone defaults (README "Scaling out").
#   tools/scaleout-throughput.sh N WARMUP_SECONDS MEASURE_SECONDS WORK_DIR
# Prints the pairs published, preferences published and learner steps over the measured window,
# summed over the processes' /metrics. Everything started is stopped on exit.
set -euo pipefail
n="${1:?usage: $0 N WARMUP_SECONDS MEASURE_SECONDS WORK_DIR}"
warmup="${2:?warm-up seconds}"
measure="${3:?measured seconds}"
work="${4:?work directory (made fresh)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf "$work" && mkdir -p "$work"
broker=127.0.0.1:19092
pids=()
stop() {  # the clients first, then the broker they talk to
  kill "${pids[@]:1}" 2>/dev/null || true
  sleep 5
  kill "${pids[0]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
start() {  # name, then the prefloop command line
  local name="$1"; shift
  ./prefloop "$@" > "$work/$name.log" 2>&1 &
  pids+=($!)
}
metric() {  # url, metric name: the counter's value summed over its labels, 0 if absent
  curl -fsS "$1" 2>/dev/null \
    | awk -v m="$2" '{ name = $1; sub(/\{.*/, "", name) } name == m { sum += $NF } END { print sum + 0 }'
}
snapshot() {  # each generator's pairs, each rater's preferences, then the learner's step
  local i
  for i in $(seq 1 "$n"); do metric "http://127.0.0.1:$((18180 + i))/metrics" generator_pairs_published_total; done
  for i in $(seq 1 "$n"); do metric "http://127.0.0.1:$((18280 + i))/metrics" rater_preferences_published_total; done
  metric http://127.0.0.1:18083/metrics prefloop_learner_steps_total
}

./prefloop --help > /dev/null  # builds the launcher once, before any clock starts
start broker broker --data-dir "$work/kafka" --port 19092
sleep 15
start learner learner --bootstrap-servers "$broker" --checkpoints "$work/checkpoints" --port 18083
for i in $(seq 1 "$n"); do
  start "generator-$i" generator --bootstrap-servers "$broker" --http-port $((18180 + i)) \
    --blob-dir "$work/blobs-$i"
  start "rater-$i" rater --bootstrap-servers "$broker" --port $((18280 + i))
done
sleep "$warmup"
mapfile -t before < <(snapshot)
sleep "$measure"
mapfile -t after < <(snapshot)
printf '%s\n' "${before[@]}" "${after[@]}" | awk -v n="$n" -v window="$measure" '
  { v[NR] = $1 }
  END {
    k = 2 * n + 1
    for (i = 1; i <= k; i++) d[i] = v[k + i] - v[i]
    for (i = 1; i <= n; i++) { pairs += d[i]; prefs += d[n + i]; each = each " generator-" i "=" d[i] }
    for (i = 1; i <= n; i++) each = each " rater-" i "=" d[n + i]
    printf "generators=%d raters=%d window=%ds pairs=%d preferences=%d learner_steps=%d pairs_per_s=%.3f preferences_per_s=%.3f\n",
      n, n, window, pairs, prefs, d[k], pairs / window, prefs / window
    print "per process:" each
  }'
