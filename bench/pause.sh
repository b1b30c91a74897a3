#!/usr/bin/env bash
# One storage node frozen under load: three storage node processes (RF 3), one coordinator (embedded metadata and
# idempotency stores, its storage nodes from STORAGE_NODES), and the closed-loop load generator with half QUORUM
# writes, half QUORUM reads. Three measured runs back to back on the same cluster, each with its p50/p99 and errors:
#   before   all nodes running
#   paused   storage node s2 stopped with SIGSTOP as the run starts measuring, SIGCONT after --pause seconds (the
#            run lasts as long as the pause); its sockets stay open, so calls to it wait, unanswered
#   after    s2 running again (its missed writes replaying as hints)
# The first run is warmed up for --warmup seconds; the others run at once, so the phases are contiguous.
#
# Usage: bench/pause.sh [--durability fsync|os] [--concurrency N] [--duration S] [--pause S] [--warmup S] [--keys K]
#                       [--value-size B]
# Every variable of the environment reaches the coordinator, e.g. `PROBE_INTERVAL_MS=200 bench/pause.sh`.
# Everything it starts is stopped on exit (a paused node is sent SIGCONT first), on Ctrl-C and on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURABILITY=fsync CONCURRENCY=64 DURATION=20 PAUSE=20 WARMUP=60 KEYS=20000 VALUE_SIZE=100
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "durability concurrency duration pause warmup keys value-size" "$@"

bench_work pause
# A stopped process ignores SIGTERM until it is continued: continue s2 before the usual cleanup.
trap 'kill -CONT "${PAUSED:-0}" 2>/dev/null || true; bench_cleanup' EXIT

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null

echo "== 3 storage nodes (durability $DURABILITY), 1 coordinator, RF 3"
NODES=""
declare -a STORAGE
for i in 1 2 3; do
    read -r PORT HEALTH < <(free_ports 2)
    NODE_ID="s$i" SERVER_PORT=$PORT HEALTH_PORT=$HEALTH METRICS_PORT=off DATA_DIR="$WORK/s$i" DURABILITY="$DURABILITY" \
        LOG_LEVEL=Warning dotnet src/Storage.Host/bin/Release/net10.0/Storage.Host.dll >"$WORK/s$i.log" 2>&1 &
    STORAGE[i]=$!
    PIDS+=($!)
    NODES+="${NODES:+,}s$i=127.0.0.1:$PORT"
    wait_ready $! "$WORK/s$i.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"
done

read -r GRPC HEALTH < <(free_ports 2)
SERVER_PORT=$GRPC HEALTH_PORT=$HEALTH METRICS_ENABLED=false DATA_DIR="$WORK/c1" EMBEDDED_STORAGE_NODES=0 \
    STORAGE_NODES="$NODES" LOG_LEVEL=Warning \
    dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/c1.log" 2>&1 &
PIDS+=($!)
wait_ready $! "$WORK/c1.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"

load() { # warmup-seconds duration-seconds log
    dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "127.0.0.1:$GRPC" --workload mixed \
        --consistency quorum --concurrency "$CONCURRENCY" --duration "$2" --warmup "$1" --keys "$KEYS" \
        --value-size "$VALUE_SIZE" >"$3" 2>&1
}

# Runs one load with its CPU steal; prints its report under a heading.
phase() { # name warmup duration [pause-seconds]
    local name=$1 log="$WORK/$1.out" before after pid
    before=$(awk '/^cpu /{print $9}' /proc/stat)
    load "$2" "$3" "$log" &
    pid=$!
    if [ -n "${4:-}" ]; then
        # Stop s2 once the run measures (its preload and warm-up done), continue it after the pause.
        until grep -q '^measuring' "$log" 2>/dev/null; do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        PAUSED=${STORAGE[2]}
        kill -STOP "$PAUSED"
        sleep "$4"
        kill -CONT "$PAUSED"
        PAUSED=
    fi
    wait "$pid" || { echo "the $name run failed:" >&2; cat "$log" >&2; exit 1; }
    after=$(awk '/^cpu /{print $9}' /proc/stat)
    echo "== $name"
    grep -v -e '^preloading' -e '^warming' -e '^measuring' "$log"
    echo "cpu steal during the run (preload and warm-up included): $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms"
}

phase before "$WARMUP" "$DURATION"
phase paused 0 "$PAUSE" "$PAUSE"
phase after 0 "$DURATION"
