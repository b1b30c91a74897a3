#!/usr/bin/env bash
# Drives one storage node directly over gRPC with the bench tool's closed-loop client (`PairDb.Bench storage`):
# writes (a dominating version of a distinct key each) and reads (of preloaded keys) for DURABILITY=fsync, then
# os, each on a fresh data directory; then the same writes against `PairDb.Bench rpc-server`'s bare echo (a
# grpc-dotnet storage Write on Kestrel, the node's own server stack, answering without doing any work), so the
# echo rate it is compared with comes from the same client, requests and concurrency.
# Client and server share the machine's cores, as in every other bench here.
#
# Usage: ./scripts/bench-storage.sh
# Environment: BENCH_CONCURRENCY=64 BENCH_DURATION=20 BENCH_WARMUP=30 BENCH_KEYS=100000 BENCH_VALUE_SIZE=100
# The warm-up is load before each measured run (for the echo servers too): .NET's tiered JIT needs about 30 s of
# load to reach steady-state code, and a server is measured as it runs, not as it starts.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONCURRENCY="${BENCH_CONCURRENCY:-64}"
DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-30}"
KEYS="${BENCH_KEYS:-100000}"
VALUE_SIZE="${BENCH_VALUE_SIZE:-100}"
BENCH_DLL="$REPO_ROOT/bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll"
NODE_DLL="$REPO_ROOT/src/Storage.Host/bin/Release/net10.0/Storage.Host.dll"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench-storage.sh: error: %s\n' "$*" >&2; exit 1; }

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-bench-storage.XXXXXX")"
PORT=""
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_server
    rm -rf "$WORK_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || die "dotnet (SDK 10) is not on PATH"

# One build at a time (the machine has two cores).
for project in src/Storage.Host bench/PairDb.Bench; do
    log "dotnet build $project -c Release"
    dotnet build "$REPO_ROOT/$project" -c Release -v quiet -nologo >"$WORK_DIR/build.log" 2>&1 \
        || { cat "$WORK_DIR/build.log" >&2; die "build of $project failed"; }
done

# Waits until the server's output (file $1) matches the sed expression $2 capturing the port; sets PORT.
# (Not run in a command substitution: SERVER_PID must stay this shell's child.)
wait_for_port() {
    local out="$1" expr="$2" _
    PORT=""
    for _ in $(seq 1 200); do
        PORT="$(sed -n "$expr" "$out" | head -n 1)"
        [ -z "$PORT" ] || return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$out" >&2; die "server exited during startup"; }
        sleep 0.1
    done
    cat "$out" >&2
    die "server did not report its port"
}

# Port 0 for both listeners: the node binds free ports and logs the gRPC address.
start_node() {
    local durability="$1" data_dir="$WORK_DIR/data-$1"
    mkdir -p "$data_dir"
    : >"$WORK_DIR/node.out"
    NODE_ID="bench-node" SERVER_PORT=0 HEALTH_PORT=0 DATA_DIR="$data_dir" DURABILITY="$durability" \
        dotnet "$NODE_DLL" >"$WORK_DIR/node.out" 2>&1 &
    SERVER_PID=$!
    wait_for_port "$WORK_DIR/node.out" 's|.*serving gRPC on http://[^:]*:\([0-9]*\).*|\1|p'
}

steal_ticks() { awk '/^cpu /{print $9}' /proc/stat; }

# Runs one load and says how much CPU the hypervisor took from this machine meanwhile (steal, from /proc/stat):
# on shared machines the rates move with it, so a ratio is only meaningful between runs of similar steal.
bench() {
    local port="$1" workload="$2" before after
    before=$(steal_ticks)
    dotnet "$BENCH_DLL" storage --target "127.0.0.1:$port" --workload "$workload" --concurrency "$CONCURRENCY" \
        --duration "$DURATION" --warmup "$WARMUP" --keys "$KEYS" --value-size "$VALUE_SIZE"
    after=$(steal_ticks)
    echo "cpu steal during the run (warm-up included): $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms"
}

printf 'storage bench: concurrency %s, duration %s s, warmup %s s, keys %s, value size %s B, %s cores\n' \
    "$CONCURRENCY" "$DURATION" "$WARMUP" "$KEYS" "$VALUE_SIZE" "$(nproc)"

for durability in fsync os; do
    start_node "$durability"
    for workload in write read; do
        printf '\n--- storage node, DURABILITY=%s, %s ---\n' "$durability" "$workload"
        bench "$PORT" "$workload"
    done
    stop_server
done

: >"$WORK_DIR/rpc.out"
dotnet "$BENCH_DLL" rpc-server --port 0 >"$WORK_DIR/rpc.out" 2>&1 &
SERVER_PID=$!
wait_for_port "$WORK_DIR/rpc.out" 's|^listening http://127\.0\.0\.1:\([0-9]*\).*|\1|p'
printf '\n--- rpc-server, %s ---\n' echo-bare
bench "$PORT" echo-bare
stop_server
