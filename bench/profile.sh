#!/usr/bin/env bash
# Where the embedded coordinator's CPU goes under load: starts it (three storage nodes in its process, RF 3, fsync) on
# a fresh data folder with perf maps on, drives it with the closed-loop load generator (64 QUORUM workers), and after
# the warm-up samples it with `perf record` for --sample seconds (default 8); then prints the rate, the share of all
# CPU taken by the coordinator and by the load generator, the split by shared object ([JIT] is managed code), the top
# symbols, and the system calls by inclusive share. Needs perf (Debian's linux-perf) and root or
# perf_event_paranoid <= 1.
#
# Usage: bench/profile.sh [--workload write|read] [--sample S] [--warmup S] [--keys K]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORKLOAD=write SAMPLE=8 WARMUP=25 KEYS=20000
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "workload sample warmup keys" "$@"
command -v perf >/dev/null 2>&1 || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
bench_work profile

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null

# Perf maps name JIT-compiled methods; W^X off keeps them at the addresses the maps give.
start_embedded_coordinator DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0

dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "127.0.0.1:$GRPC" --workload "$WORKLOAD" \
    --consistency quorum --concurrency 64 --duration $((SAMPLE + 10)) --warmup "$WARMUP" --keys "$KEYS" \
    --value-size 100 >"$WORK/load.txt" 2>&1 &
LOAD=$!
PIDS+=("$LOAD")
sleep $((WARMUP + 3))
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
all_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
c0=$(ticks "$COORDINATOR") l0=$(ticks "$LOAD") a0=$(all_ticks)
perf record -F 499 -g -p "$COORDINATOR" -o "$WORK/perf.data" -- sleep "$SAMPLE" >/dev/null 2>&1
c1=$(ticks "$COORDINATOR") l1=$(ticks "$LOAD") a1=$(all_ticks)
wait "$LOAD" || { cat "$WORK/load.txt"; exit 1; }
grep -E "ops/s|latency|errors" "$WORK/load.txt"
echo "share of all CPU while sampled: coordinator $(( (c1 - c0) * 100 / (a1 - a0) ))%, load generator $(( (l1 - l0) * 100 / (a1 - a0) ))%"

# Each report is written to a file first: `head` closing a pipe early would fail the script under pipefail.
report() { perf report -i "$WORK/perf.data" --stdio "$@" 2>/dev/null | grep -E '^ +[0-9]' >"$WORK/report.txt" || true; }
echo "== by shared object (self)"
report --no-children --sort dso -g none
sed -n 1,12p "$WORK/report.txt"
echo "== top symbols (self)"
report --no-children --sort sym -g none
sed -n 1,30p "$WORK/report.txt" | cut -c1-180
echo "== system calls (inclusive)"
report --children --sort sym -g none
grep -E '\] __x64_sys_' "$WORK/report.txt" | sed -n 1,12p | awk '{print "  " $1 "  " $4}'
