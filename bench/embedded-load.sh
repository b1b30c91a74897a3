#!/usr/bin/env bash
# One coordinator with its three embedded storage nodes (the no-configuration cluster: RF 3, fsync unless
# STORAGE_DURABILITY says otherwise) on a fresh data folder, driven by the closed-loop load generator; then the
# CPU steal during the run, the coordinator process's CPU per answered call and the storage nodes' writes per
# commit (read from its /metrics), and the coordinator's peak RSS. Every variable of the environment reaches the
# coordinator, so a setting is compared by running the script twice, e.g. `REPLICA_MAX_IN_FLIGHT=4 bench/embedded-load.sh`.
#
# Usage: bench/embedded-load.sh [--workload write|read|mixed] [--hot-key] [--duration S] [--warmup S]
#                               [--concurrency N] [--keys K] [--value-size B] [--runs N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WORKLOAD=write DURATION=15 WARMUP=30 CONCURRENCY=64 KEYS=20000 VALUE_SIZE=100 RUNS=1 HOT_KEY=""
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "workload hot-key! duration warmup concurrency keys value-size runs" "$@"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-embedded.XXXXXX")"
COORDINATOR=""
cleanup() {
    if [ -n "$COORDINATOR" ]; then kill "$COORDINATOR" 2>/dev/null || true; wait "$COORDINATOR" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

steal_ticks() { awk '/^cpu /{print $9}' /proc/stat; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null
TICK=$(getconf CLK_TCK)

for run in $(seq 1 "$RUNS"); do
    GRPC=$(free_port) HEALTH=$(free_port) METRICS=$(free_port)
    rm -rf "$WORK/data"
    SERVER_PORT=$GRPC HEALTH_PORT=$HEALTH METRICS_PORT=$METRICS DATA_DIR="$WORK/data" LOG_LEVEL=Warning \
        dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/coordinator.log" 2>&1 &
    COORDINATOR=$!
    wait_ready "$COORDINATOR" "$WORK/coordinator.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"

    echo "== run $run of $RUNS"
    steal_before=$(steal_ticks)
    dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "127.0.0.1:$GRPC" \
        --workload "$WORKLOAD" ${HOT_KEY:+--hot-key} --consistency quorum --concurrency "$CONCURRENCY" --duration "$DURATION" \
        --warmup "$WARMUP" --keys "$KEYS" --value-size "$VALUE_SIZE"
    steal_after=$(steal_ticks)
    curl -sf "http://127.0.0.1:$METRICS/metrics" >"$WORK/metrics.txt"
    awk -v steal=$(( (steal_after - steal_before) * 1000 / TICK )) -v cpu="$(cpu_ticks "$COORDINATOR")" -v tick="$TICK" '
        /^coordinator_requests_total/ { calls += $2 }
        /^pairdb_storage_batch_size_sum/ { items += $2 }
        /^pairdb_storage_batch_size_count/ { commits += $2 }
        END {
            printf "cpu steal during the run (warm-up included): %d ms\n", steal
            if (calls > 0) printf "coordinator process CPU (embedded nodes included) per answered call: %.0f us\n", cpu * 1e6 / tick / calls
            if (commits > 0) printf "storage writes per commit: %.1f\n", items / commits
        }' "$WORK/metrics.txt"
    awk '/^VmHWM:/ { printf "coordinator peak RSS: %d MB\n", $2 / 1024 }' "/proc/$COORDINATOR/status"
    kill "$COORDINATOR"; wait "$COORDINATOR" 2>/dev/null || true; COORDINATOR=""
done
