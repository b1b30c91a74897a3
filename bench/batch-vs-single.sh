#!/usr/bin/env bash
# Batches against single calls: one coordinator with its three embedded storage nodes (RF 3, QUORUM; fsync unless
# STORAGE_DURABILITY says otherwise) on a fresh data folder, driven by the closed-loop load generator. Each worker sends
# one unit of --batch-size distinct keys at a time, either as one BatchWrite / BatchRead call or as that many single
# WriteKeyValue / ReadKeyValue calls sent at once; a unit's latency (until its last answer) is one sample. Prints, for
# writes and for reads, the keys per second and the p99 per unit of both ways, then the CPU steal of each run.
# Every variable of the environment reaches the coordinator (e.g. MAX_BATCH_KEYS for --batch-size above 100).
#
# Usage: bench/batch-vs-single.sh [--batch-size N] [--concurrency N] [--duration S] [--warmup S] [--keys K]
#                                 [--value-size B]
# Each run is warmed up for --warmup seconds (default 30: .NET's tiered JIT needs 20-40 s under load to settle).
# Everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BATCH_SIZE=100 CONCURRENCY=8 DURATION=20 WARMUP=30 KEYS=100000 VALUE_SIZE=100
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "batch-size concurrency duration warmup keys value-size" "$@"

bench_work batch

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null

start_embedded_coordinator METRICS_ENABLED=false

echo "== coordinator + 3 embedded storage nodes, RF 3, QUORUM, durability ${STORAGE_DURABILITY:-fsync};" \
    "units of $BATCH_SIZE keys, concurrency $CONCURRENCY, ${DURATION}s after ${WARMUP}s warm-up"
# One run: NAME WORKLOAD; its JSON report goes to $WORK/NAME.json, the CPU steal of the run to $WORK/NAME.steal.
run() {
    local ticks_before ticks_after
    ticks_before=$(awk '/^cpu /{print $9}' /proc/stat)
    dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "127.0.0.1:$GRPC" --workload "$2" \
        --batch-size "$BATCH_SIZE" --consistency quorum --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" \
        --keys "$KEYS" --value-size "$VALUE_SIZE" --json >"$WORK/$1.json"
    ticks_after=$(awk '/^cpu /{print $9}' /proc/stat)
    echo $(( (ticks_after - ticks_before) * 1000 / $(getconf CLK_TCK) )) >"$WORK/$1.steal"
    echo "   $1 done"
}
run batch-write batch-write
run single-write write
run batch-read batch-read
run single-read read

python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
print(f"{'run':<14}{'keys/s':>10}{'calls/s':>10}{'p50 ms':>9}{'p99 ms':>9}  {'failed keys':<24}{'cpu steal ms':>12}")
for name in ("batch-write", "single-write", "batch-read", "single-read"):
    r = json.load(open(f"{work}/{name}.json"))
    steal = open(f"{work}/{name}.steal").read().strip()
    errors = ", ".join(f"{k}={v}" for k, v in r["ErrorsByStatus"].items()) or "none"
    print(f"{name:<14}{r['KeysPerSecond']:>10.0f}{r['OpsPerSecond']:>10.0f}{r['P50Ms']:>9.2f}{r['P99Ms']:>9.2f}  {errors:<24}{steal:>12}")
PY
