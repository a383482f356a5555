#!/usr/bin/env bash
# Rows of the long-horizon online ablation (docs/RESULTS.md), one heavy job at a time, with the
# baseline `dpo` trained once per seed and reused by every configuration (`ablate --baseline-from`):
#   tools/ablation-rows.sh OUT STEPS SNAPSHOT_EVERY CONFIGS SEED...
#   e.g. tools/ablation-rows.sh run/rows 400 100 dpo+ts-adaptive,dpok 20261124 1 2
# Writes OUT/dpo/seed-S (the baseline) and OUT/<configuration>/seed-S, then pools every
# configuration's seeds into OUT/<configuration>/pooled (ablate-pool). A run that finished
# (ablation.json present) is skipped, so the script resumes where it was stopped. It runs from a
# copy of the launcher's jars in OUT/jars, so a rebuild of the tree does not break a long run.
# ABLATE_OPTS adds options to every ablate (ABLATE_OPTS=--quick: a smoke of the script itself).
set -euo pipefail
out="${1:?usage: $0 OUT STEPS SNAPSHOT_EVERY CONFIGS SEED...}"
steps="${2:?steps per configuration}"
every="${3:?steps between snapshots}"
configs="${4:?comma-separated configurations (names from ablation.md)}"
shift 4
[ "$#" -ge 1 ] || { echo "$0: give at least one seed" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./prefloop --help > /dev/null  # builds the launcher if the tree changed
rm -rf "$out/jars" && mkdir -p "$out/jars"
cp "$(ls app/target/app-*.jar | grep -v -- '-sources\|-tests' | head -n 1)" "$out/jars/"
cp -r app/target/lib "$out/jars/lib"
export MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576 ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-AVX}"
prefloop() {
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$(ls "$out"/jars/app-*.jar):$out/jars/lib/*" prefloop.app.PrefloopCommand "$@"
}
ablate() {  # output directory, then ablate's options
  local dir="$1"; shift
  if [ -f "$dir/ablation.json" ]; then
    echo "$(date -u +%T) $dir: done before, skipped"
    return
  fi
  mkdir -p "$dir"
  echo "$(date -u +%T) $dir: start"
  prefloop ablate --mode ONLINE --pairs 16 --steps "$steps" --online-seconds 100000 \
    --snapshot-every "$every" --out "$dir" ${ABLATE_OPTS:-} "$@" > "$dir.log" 2>&1
  echo "$(date -u +%T) $dir: done ($(tail -n 1 "$dir.log"))"
}
for seed in "$@"; do
  ablate "$out/dpo/seed-$seed" --only dpo --seed "$seed"
  for config in ${configs//,/ }; do
    ablate "$out/$config/seed-$seed" --only "$config" --seed "$seed" \
      --baseline-from "$out/dpo/seed-$seed"
  done
done
for config in ${configs//,/ }; do
  runs=()
  for seed in "$@"; do runs+=(--run "$out/$config/seed-$seed"); done
  prefloop ablate-pool "${runs[@]}" --out "$out/$config/pooled" > /dev/null
  echo "$(date -u +%T) pooled $config into $out/$config/pooled/pooled.md"
done
