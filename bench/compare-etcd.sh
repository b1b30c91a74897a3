#!/usr/bin/env bash
# Side-by-side benchmark: a PairDB coordinator (embedded cluster: three storage nodes, RF 3) and a three-member
# etcd cluster (Debian's etcd-server, installed if missing), both on loopback, driven by the same closed-loop
# load generator (bench/PairDb.Bench) over the same gRPC client stack.
#
# Usage: bench/compare-etcd.sh [--durability fsync|os] [--concurrency N] [--duration S] [--warmup S] [--keys K]
#                              [--value-size B]
# Each run is warmed up for --warmup seconds (default 30: .NET's tiered JIT needs 20-40 s under load to settle).
# Prints each run's report; everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURABILITY=fsync CONCURRENCY=64 DURATION=20 KEYS=100000 VALUE_SIZE=100 WARMUP=30
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "durability concurrency duration warmup keys value-size" "$@"

bench_work compare

wait_for() { # command... : retry for up to 60 s
    for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    echo "timed out waiting for: $*" >&2; return 1
}

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null
BENCH=(bench_run dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load)
COMMON=(--concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" --keys "$KEYS" --value-size "$VALUE_SIZE")

echo "== PairDB: coordinator + 3 embedded storage nodes, RF 3, QUORUM, durability $DURABILITY"
GRPC=$(free_port) HEALTH=$(free_port)
SERVER_PORT=$GRPC HEALTH_PORT=$HEALTH DATA_DIR="$WORK/pairdb" STORAGE_DURABILITY="$DURABILITY" LOG_LEVEL=Warning \
    dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/pairdb.log" 2>&1 &
PIDS+=($!)
wait_for curl -sf "http://127.0.0.1:$HEALTH/health/ready"
"${BENCH[@]}" --target "127.0.0.1:$GRPC" --workload write --consistency quorum "${COMMON[@]}"
"${BENCH[@]}" --target "127.0.0.1:$GRPC" --workload read --consistency quorum "${COMMON[@]}"
"${BENCH[@]}" --target "127.0.0.1:$GRPC" --workload write --consistency quorum --hot-key "${COMMON[@]}"
echo "coordinator RSS after the runs: $(rss_mb "${PIDS[0]}") MB"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true; PIDS=()

echo "== etcd: 3 members on loopback (WAL fsync per commit), Put and linearizable Range"
# etcd-server brings the daemon, etcd-client the etcdctl used for the health check.
apt_install() { apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$@" >/dev/null; }; }
command -v etcd >/dev/null || apt_install etcd-server
command -v etcdctl >/dev/null || apt_install etcd-client
CLUSTER="" ENDPOINTS=""
declare -a CPORTS PPORTS
for i in 1 2 3; do CPORTS[i]=$(free_port); PPORTS[i]=$(free_port); done
for i in 1 2 3; do CLUSTER+="${CLUSTER:+,}m$i=http://127.0.0.1:${PPORTS[$i]}"; ENDPOINTS+="${ENDPOINTS:+,}127.0.0.1:${CPORTS[$i]}"; done
for i in 1 2 3; do
    etcd --name "m$i" --data-dir "$WORK/etcd-m$i" \
        --listen-client-urls "http://127.0.0.1:${CPORTS[$i]}" --advertise-client-urls "http://127.0.0.1:${CPORTS[$i]}" \
        --listen-peer-urls "http://127.0.0.1:${PPORTS[$i]}" --initial-advertise-peer-urls "http://127.0.0.1:${PPORTS[$i]}" \
        --initial-cluster "$CLUSTER" --initial-cluster-state new --initial-cluster-token pairdb-bench \
        --log-level error >"$WORK/etcd-m$i.log" 2>&1 &
    PIDS+=($!)
done
wait_for env ETCDCTL_API=3 etcdctl --endpoints "$ENDPOINTS" endpoint health
"${BENCH[@]}" --system etcd --target "$ENDPOINTS" --workload write "${COMMON[@]}"
"${BENCH[@]}" --system etcd --target "$ENDPOINTS" --workload read "${COMMON[@]}"
"${BENCH[@]}" --system etcd --target "$ENDPOINTS" --workload write --hot-key "${COMMON[@]}"
