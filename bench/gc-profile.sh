#!/usr/bin/env bash
# What the embedded coordinator allocates and what its garbage collector costs under load: starts it (three storage
# nodes in its process, RF 3, fsync) on a fresh data folder, drives it with the closed-loop load generator (64
# QUORUM workers) and, after the warm-up, reads the runtime's counters for --sample seconds (dotnet-counters) and
# then takes the same length of allocation samples (dotnet-trace, gc-verbose). Prints the rate, the bytes allocated
# per answered call, collections per second by generation, the share of time the process was paused for GC and the
# generation sizes, then the types and methods with the largest shares of the allocations (PairDb.Bench alloc-report).
# Every variable of the environment reaches the coordinator, so a GC setting is compared by running the script twice,
# e.g. `DOTNET_GCDynamicAdaptationMode=0 bench/gc-profile.sh`. Installs dotnet-counters and dotnet-trace into the work
# folder.
#
# Usage: bench/gc-profile.sh [--workload write|read] [--sample S] [--warmup S] [--keys K] [--top N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORKLOAD=write SAMPLE=10 WARMUP=35 KEYS=100000 TOP=25
DIAGNOSTICS_VERSION=10.0.750501
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "workload sample warmup keys top" "$@"
bench_work gc-profile

echo "== building (Release) and installing dotnet-counters and dotnet-trace $DIAGNOSTICS_VERSION"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null
for tool in dotnet-counters dotnet-trace; do
    dotnet tool install --tool-path "$WORK/tools" "$tool" --version "$DIAGNOSTICS_VERSION" >/dev/null
done

start_embedded_coordinator

dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "127.0.0.1:$GRPC" --workload "$WORKLOAD" \
    --consistency quorum --concurrency 64 --duration $((2 * SAMPLE + 10)) --warmup "$WARMUP" --keys "$KEYS" \
    --value-size 100 >"$WORK/load.txt" 2>&1 &
LOAD=$!
PIDS+=("$LOAD")
sleep $((WARMUP + 3))
span() { printf '%02d:%02d:%02d' $(($1 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }
answered() { curl -sf "http://127.0.0.1:$METRICS/metrics" | awk '/^coordinator_requests_total/ { n += $2 } END { printf "%d\n", n }'; }
calls_before=$(answered)
"$WORK/tools/dotnet-counters" collect -p "$COORDINATOR" --counters System.Runtime --duration "$(span "$SAMPLE")" \
    --format csv -o "$WORK/counters.csv" >/dev/null
calls=$(( $(answered) - calls_before ))
"$WORK/tools/dotnet-trace" collect -p "$COORDINATOR" --profile gc-verbose --duration "$(span "$SAMPLE")" \
    -o "$WORK/allocations.nettrace" >/dev/null
wait "$LOAD" || { cat "$WORK/load.txt"; exit 1; }
grep -E "ops/s|latency|errors" "$WORK/load.txt"

echo "== runtime counters over $SAMPLE s ($calls calls answered)"
# Rates are per second; sizes are those after the last collection. Averaged over the samples.
awk -F, -v calls="$calls" -v sample="$SAMPLE" 'NR > 1 { sum[$3] += $5; n[$3]++ }
    function mean(name) { return n[name] ? sum[name] / n[name] : 0 }
    END {
        alloc = mean("dotnet.gc.heap.total_allocated (By / 1 sec)")
        if (calls > 0) printf "allocated per answered call: %.1f KB (%.0f MB/s)\n", alloc * sample / calls / 1024, alloc / 1e6
        printf "collections per second: gen0 %.2f, gen1 %.2f, gen2 %.2f\n", mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]"),
            mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen1]"), mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2]")
        printf "time paused for GC: %.1f%%\n", 100 * mean("dotnet.gc.pause.time (s / 1 sec)")
        printf "gen1 %.0f MB, gen2 %.0f MB, committed %.0f MB\n", mean("dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen1]") / 1e6,
            mean("dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]") / 1e6, mean("dotnet.gc.last_collection.memory.committed_size (By)") / 1e6
    }' "$WORK/counters.csv"
echo "== allocation samples over $SAMPLE s"
dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll alloc-report "$WORK/allocations.nettrace" --top "$TOP"
