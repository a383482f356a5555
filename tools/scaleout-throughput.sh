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
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT
start() {  # name, then the prefloop command line
  local name="$1"; shift
  ./prefloop "$@" > "$work/$name.log" 2>&1 &
  pids+=($!)
}
metric() {  # url, metric name: the counter's value, 0 if absent
  curl -fsS "$1" 2>/dev/null | awk -v m="$2" '$1 == m { print $2; found = 1 } END { if (!found) print 0 }'
}
total() {  # the pairs and preferences published so far, and the learner's step
  local pairs=0 prefs=0 i
  for i in $(seq 1 "$n"); do
    pairs=$(echo "$pairs + $(metric "http://127.0.0.1:$((18180 + i))/metrics" generator_pairs_published_total)" | bc)
    prefs=$(echo "$prefs + $(metric "http://127.0.0.1:$((18280 + i))/metrics" rater_preferences_published_total)" | bc)
  done
  echo "$pairs $prefs $(metric http://127.0.0.1:18083/metrics prefloop_learner_steps_total)"
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
read -r p0 r0 s0 < <(total)
sleep "$measure"
read -r p1 r1 s1 < <(total)
echo "generators=$n raters=$n window=${measure}s pairs=$(echo "$p1 - $p0" | bc)" \
  "preferences=$(echo "$r1 - $r0" | bc) learner_steps=$(echo "$s1 - $s0" | bc)" \
  "pairs_per_s=$(echo "scale=3; ($p1 - $p0) / $measure" | bc)" \
  "preferences_per_s=$(echo "scale=3; ($r1 - $r0) / $measure" | bc)"
