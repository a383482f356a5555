#!/usr/bin/env bash
# Soak of `./prefloop up`: runs it for N minutes (default 30) and samples the process RSS (native
# memory included, from /proc) every minute. Prints "SOAK minute RSS_MiB" lines and the first/last/max.
#   reliability/soak.sh [MINUTES] [SAMPLE_SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-30}"
every="${2:-60}"
run="$(mktemp -d /tmp/prefloop-soak-XXXXXX)"
cd "$root"
nice -n 19 ./prefloop up --minutes "$minutes" --data-dir "$run/kafka" --run-dir "$run/run" \
  --summary-prompts 0 > "$run/up.log" 2>&1 &
wrapper=$!
sleep 5
pid="$(pgrep -P "$wrapper" java || echo "$wrapper")"
echo "SOAK pid=$pid log=$run/up.log minutes=$minutes"
t=0
while kill -0 "$pid" 2>/dev/null; do
  rss_kb="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
  [ "$rss_kb" != 0 ] && printf 'SOAK %s %d\n' "$t" "$((rss_kb / 1024))" | tee -a "$run/rss.txt"
  sleep "$every"
  t=$((t + every))
done
wait "$wrapper" || true
awk 'NR==1{first=$3} {if ($3>max) max=$3; last=$3} END {printf "SOAK first=%d MiB last=%d MiB max=%d MiB\n", first, last, max}' "$run/rss.txt"
