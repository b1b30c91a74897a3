#!/usr/bin/env bash
# Coordinator memory after a million distinct keys: three storage node processes and one coordinator process
# (so the coordinator's RSS is its own), then the load generator writes KEYS distinct keys once each (QUORUM, RF 3,
# 100-byte values, 64 concurrent writers). Prints the coordinator's RSS every 10 s, its
# peak, and its RSS once idle key actors had time to passivate (actors.passivate_after_ms, default 5 s) and the
# idle trim has run (memory.idle_trim_after, default 30 s).
#
# Usage: bench/coordinator-memory.sh [KEYS]   (default 1000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
KEYS="${1:-1000000}"
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_work memory

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null

NODES=""
for i in 1 2 3; do
    PORT=$(free_port)
    NODE_ID="s$i" SERVER_PORT=$PORT HEALTH_PORT=$(free_port) METRICS_PORT=off DATA_DIR="$WORK/s$i" LOG_LEVEL=Warning \
        dotnet src/Storage.Host/bin/Release/net10.0/Storage.Host.dll >"$WORK/s$i.log" 2>&1 &
    PIDS+=($!)
    NODES+="${NODES:+,}s$i=127.0.0.1:$PORT"
done
GRPC=$(free_port) HEALTH=$(free_port) METRICS=$(free_port)
SERVER_PORT=$GRPC HEALTH_PORT=$HEALTH METRICS_PORT=$METRICS DATA_DIR="$WORK/coordinator" EMBEDDED_STORAGE_NODES=0 \
    STORAGE_NODES="$NODES" LOG_LEVEL=Warning dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/coordinator.log" 2>&1 &
COORDINATOR=$!
PIDS+=("$COORDINATOR")
wait_ready "$COORDINATOR" "$WORK/coordinator.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"
echo "coordinator RSS at start: $(rss_mb $COORDINATOR) MB"

PEAK=0
metric() { curl -s "http://127.0.0.1:$METRICS/metrics" | awk -v m="$1" 'index($0, m) == 1 { print $NF; exit }'; }
sample() {
    local now; now=$(rss_mb $COORDINATOR); [ "$now" -gt "$PEAK" ] && PEAK=$now
    echo "  t+${1}s coordinator RSS ${now} MB (managed heap $(( $(metric dotnet_gc_heap_bytes) / 1048576 )) MB, GC committed $(( $(metric dotnet_gc_committed_bytes) / 1048576 )) MB), live key actors $(metric coordinator_key_actors_live), writes OK $(metric 'coordinator_requests_total{code="OK",method="WriteKeyValue"}')"
}
# The read workload first preloads its KEYS keys through the coordinator's writes (64 workers, each key once), then
# reads for a second: the preload is the million distinct writes measured here.
dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "127.0.0.1:$GRPC" --workload read \
    --consistency quorum --concurrency 64 --duration 1 --warmup 0 --keys "$KEYS" --value-size 100 \
    >"$WORK/load.txt" 2>&1 &
LOAD=$!
T=0
while kill -0 $LOAD 2>/dev/null; do sleep 10; T=$((T + 10)); sample $T; done
wait $LOAD || { cat "$WORK/load.txt"; exit 1; }
grep -E "ops/s|latency|errors" "$WORK/load.txt"
echo "peak coordinator RSS while writing: ${PEAK} MB"
echo "coordinator RSS right after the last write: $(rss_mb $COORDINATOR) MB"
for _ in 1 2 3 4 5 6 7 8; do sleep 10; T=$((T + 10)); sample $T; done
echo "coordinator RSS 80 s after the last write (idle actors passivated): $(rss_mb $COORDINATOR) MB"
