#!/usr/bin/env bash
# The GPU check: runs prefloop's learner step, sampler and the whole loop on an NVIDIA GPU and
# records what it measured. Run it on a machine with a GPU, from the repository root:
#
#   rm -rf app/target/lib; mvn -B -q -Dgpu install -DskipTests   # once, online: the
#                                              # launcher's lib/ then has no CPU libtorch
#   PYTORCH_LIBRARY_PATH=/opt/libtorch/lib tools/device-check.sh OUT_DIR
#
# libtorch must be 2.7.1 (what pytorch-jni 2.7.1-0.36.0 was built for) with CUDA: the C++
# download from pytorch.org, or the lib/ folder of a pip `torch==2.7.1` wheel, which the script
# finds by itself when PYTORCH_LIBRARY_PATH is unset. Results: OUT_DIR/RESULT.md and one log per
# step. Nothing is downloaded (ai.djl.offline=true).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-${OUT:-device-check}}" && cd "${1:-${OUT:-device-check}}" && pwd)"
result="$out/RESULT.md"
say() { echo "$*" | tee -a "$result"; }
: > "$result"

say "# prefloop device check, $(date -u +%Y-%m-%dT%H:%MZ), revision $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! nvidia-smi > "$out/nvidia-smi.txt" 2>&1; then
  say "no GPU: nvidia-smi failed (see nvidia-smi.txt); nothing measured"
  exit 2
fi
say "GPU: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -n 1)"

if [ -z "${PYTORCH_LIBRARY_PATH:-}" ]; then
  PYTORCH_LIBRARY_PATH="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null || true)"
fi
if [ -z "$PYTORCH_LIBRARY_PATH" ] || [ ! -d "$PYTORCH_LIBRARY_PATH" ]; then
  say "no CUDA libtorch: set PYTORCH_LIBRARY_PATH to the lib/ folder of libtorch 2.7.1 (CUDA build)"
  exit 3
fi
export PYTORCH_LIBRARY_PATH
export PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}"
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
say "libtorch: $PYTORCH_LIBRARY_PATH (version $PYTORCH_VERSION, flavor $PYTORCH_FLAVOR)"

app="$root/app/target"
jar="$(ls "$app"/app-*.jar 2>/dev/null | grep -v -- '-sources\|-tests' | head -n 1 || true)"
if [ -z "$jar" ] || [ ! -d "$app/lib" ]; then
  say "the launcher is not built: run \`mvn -B -q -Dgpu install -DskipTests\` first"
  exit 4
fi
if ls "$app/lib" | grep -q pytorch-native-cpu; then
  say "warning: app/target/lib holds pytorch-native-cpu, so DJL may load the CPU libtorch: rebuild with -Dgpu after \`rm -rf app/target/lib\`"
fi
java_run() {
  java -Dai.djl.offline=true -cp "$jar:$app/lib/*" "$@"
}

step() {  # step NAME SECONDS COMMAND...: runs one measurement, keeps its log, notes its exit code
  local name="$1" limit="$2"
  shift 2
  local started=$SECONDS rc=0
  timeout "$limit" "$@" > "$out/$name.log" 2>&1 || rc=$?
  say "- $name: exit $rc in $((SECONDS - started)) s (log $name.log)"
  return 0
}

step learner-step 300 java_run prefloop.learner.tools.TrainerBenchMain 20
grep -i "model:\|dpo step\|merge" "$out/learner-step.log" | sed 's/^/  /' | tee -a "$result" || true
step sampler 300 java_run prefloop.diffusion.bench.DiffusionBench
grep -i "ms\|pairs\|images" "$out/sampler.log" | head -n 10 | sed 's/^/  /' | tee -a "$result" || true
# the whole loop, every service on --device AUTO (the GPU): toy model, then the latent bundle
step up-toy 300 bash -c "cd '$root' && ./prefloop up --minutes 2 --run-dir '$out/run-toy' --data-dir '$out/kafka-toy' --summary-prompts 32"
grep -E "device:|summary:|pairs/s|win rate|fidelity|aesthetic" "$out/up-toy.log" | head -n 20 | sed 's/^/  /' | tee -a "$result" || true
step up-latent 300 bash -c "cd '$root' && ./prefloop up --minutes 2 --model-bundle models/latent-denoiser --run-dir '$out/run-latent' --data-dir '$out/kafka-latent'"
grep -E "device:|summary:|pairs/s|now serving" "$out/up-latent.log" | head -n 20 | sed 's/^/  /' | tee -a "$result" || true
say "done"
