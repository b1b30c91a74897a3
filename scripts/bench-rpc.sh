#!/usr/bin/env bash
# Measures the overhead of the PairDb.Rpc layer: h2load drives the same trivial unary call against
# /bench.BenchService/Ping (through PairDb.Rpc) and /bench.BareService/Ping (a bare Kestrel endpoint that
# answers the identical bytes) on one `PairDb.Bench rpc-server`, in alternating rounds with identical settings.
# Prints each run's req/s, the server's CPU time and allocated bytes per request, then the medians and the
# layer's overhead. On a shared or busy machine req/s swings; CPU and bytes per request are steadier.
#
# Usage: ./scripts/bench-rpc.sh
# Environment (defaults tuned for a 2-core machine where h2load and the server share the cores):
#   BENCH_REQUESTS=200000 BENCH_CLIENTS=8 BENCH_STREAMS=32 BENCH_THREADS=1 BENCH_ROUNDS=5 BENCH_WARMUP=100000
#   BENCH_GRPC_TIMEOUT (unset): e.g. 10S sends grpc-timeout with every request, as PairDb.Rpc clients do
#   whenever a call has a deadline, to measure the server's deadline path too (the bare endpoint ignores it).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${BENCH_REQUESTS:-200000}"
CLIENTS="${BENCH_CLIENTS:-8}"
STREAMS="${BENCH_STREAMS:-32}"
THREADS="${BENCH_THREADS:-1}"
ROUNDS="${BENCH_ROUNDS:-5}"
WARMUP="${BENCH_WARMUP:-100000}"
EXTRA_HEADERS=()
[ -z "${BENCH_GRPC_TIMEOUT:-}" ] || EXTRA_HEADERS=(-H "grpc-timeout: $BENCH_GRPC_TIMEOUT")
RPC_PATH="/bench.BenchService/Ping"
BARE_PATH="/bench.BareService/Ping"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench-rpc.sh: error: %s\n' "$*" >&2; exit 1; }

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-bench-rpc.XXXXXX")"
SERVER_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# h2load (and nghttp, used for the sanity check) come with Debian's nghttp2-client; refresh the package
# lists only when installing from the current ones fails.
ensure_h2load() {
    command -v h2load >/dev/null 2>&1 && command -v nghttp >/dev/null 2>&1 && return
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
    log "apt-get install -y nghttp2-client"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >"$WORK_DIR/apt.log" 2>&1; then
        log "install failed; apt-get update and retry"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$WORK_DIR/apt.log" 2>&1 \
            && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >>"$WORK_DIR/apt.log" 2>&1 \
            || { cat "$WORK_DIR/apt.log" >&2; die "cannot install nghttp2-client (h2load)"; }
    fi
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the comm field).
cpu_ticks() {
    local stat
    stat="$(cat "/proc/$1/stat")"
    stat="${stat##*) }"
    awk '{ print $12 + $13 }' <<<"$stat"
}

# Bytes the server process has allocated so far (its GET /stats).
allocated_bytes() {
    nghttp "http://127.0.0.1:$PORT/stats" | awk '/^allocated_bytes/ { print $2 }'
}

# One h2load run against a path; prints "req_per_s cpu_us_per_request bytes_allocated_per_request".
run_h2load() {
    local path="$1" requests="$2" out before after alloc_before alloc_after
    out="$WORK_DIR/h2load.out"
    alloc_before="$(allocated_bytes)"
    before="$(cpu_ticks "$SERVER_PID")"
    h2load -n "$requests" -c "$CLIENTS" -m "$STREAMS" -t "$THREADS" -d "$WORK_DIR/request.frame" \
        -H 'content-type: application/grpc' -H 'te: trailers' "${EXTRA_HEADERS[@]}" "http://127.0.0.1:$PORT$path" >"$out" 2>&1 \
        || { cat "$out" >&2; die "h2load failed against $path"; }
    after="$(cpu_ticks "$SERVER_PID")"
    alloc_after="$(allocated_bytes)"
    grep -q "^requests: $requests total, $requests started, $requests done, $requests succeeded" "$out" \
        && grep -q "^status codes: $requests 2xx" "$out" \
        || { cat "$out" >&2; die "not every request to $path succeeded"; }
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" -v bytes=$((alloc_after - alloc_before)) \
        '/^finished in/ { rps = $4 } END { printf "%.0f %.2f %.0f\n", rps, ticks / hz * 1e6 / n, bytes / n }' "$out"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

command -v dotnet >/dev/null 2>&1 || die "dotnet (SDK 10) is not on PATH"
ensure_h2load

log "dotnet build bench/PairDb.Bench -c Release"
dotnet build "$REPO_ROOT/bench/PairDb.Bench" -c Release -v quiet -nologo >"$WORK_DIR/build.log" 2>&1 \
    || { cat "$WORK_DIR/build.log" >&2; die "build failed"; }

: >"$WORK_DIR/server.out"  # exists before the server opens it, so the port poll below never reads a missing file
dotnet "$REPO_ROOT/bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll" rpc-server --port 0 >>"$WORK_DIR/server.out" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 300); do
    PORT="$(sed -n 's|^listening http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$WORK_DIR/server.out")"
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK_DIR/server.out" >&2; die "rpc-server exited"; }
    sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK_DIR/server.out" >&2; die "rpc-server did not report its port within 30 s"; }
log "rpc-server (pid $SERVER_PID) on 127.0.0.1:$PORT"

# The request: an empty protobuf message, framed (not compressed, length 0).
printf '\x00\x00\x00\x00\x00' >"$WORK_DIR/request.frame"

# Both paths must really answer grpc-status 0: an UNIMPLEMENTED answer would also be HTTP 200.
for path in "$RPC_PATH" "$BARE_PATH"; do
    nghttp -v -H 'content-type: application/grpc' -H 'te: trailers' -d "$WORK_DIR/request.frame" \
        "http://127.0.0.1:$PORT$path" >"$WORK_DIR/nghttp.out" 2>&1 || true
    grep -q 'grpc-status: 0' "$WORK_DIR/nghttp.out" \
        || { cat "$WORK_DIR/nghttp.out" >&2; die "$path did not answer grpc-status 0"; }
done

log "warm-up: $WARMUP requests per path"
run_h2load "$RPC_PATH" "$WARMUP" >/dev/null
run_h2load "$BARE_PATH" "$WARMUP" >/dev/null

log "h2load -n $REQUESTS -c $CLIENTS -m $STREAMS -t $THREADS${BENCH_GRPC_TIMEOUT:+ (grpc-timeout: $BENCH_GRPC_TIMEOUT)}, $ROUNDS alternating rounds ($(nproc) cores)"
printf '%-6s %-28s %10s %18s %14s\n' round path 'req/s' 'server CPU us/req' 'alloc B/req'
: >"$WORK_DIR/rpc" && : >"$WORK_DIR/bare"
for round in $(seq 1 "$ROUNDS"); do
    for kind in rpc bare; do
        path="$RPC_PATH"
        [ "$kind" = bare ] && path="$BARE_PATH"
        read -r rps cpu alloc < <(run_h2load "$path" "$REQUESTS")
        printf '%s %s %s\n' "$rps" "$cpu" "$alloc" >>"$WORK_DIR/$kind"
        printf '%-6s %-28s %10s %18s %14s\n' "$round" "$path" "$rps" "$cpu" "$alloc"
    done
done

for kind in rpc bare; do
    for column in 1 2 3; do
        printf '%s ' "$(cut -d' ' -f"$column" "$WORK_DIR/$kind" | median)"
    done >"$WORK_DIR/$kind.median"
    echo >>"$WORK_DIR/$kind.median"
done
read -r rpc_rps rpc_cpu rpc_alloc <"$WORK_DIR/rpc.median"
read -r bare_rps bare_cpu bare_alloc <"$WORK_DIR/bare.median"
echo
printf 'median PairDb.Rpc   %s: %s req/s, %s us server CPU/req, %s B allocated/req\n' "$RPC_PATH" "$rpc_rps" "$rpc_cpu" "$rpc_alloc"
printf 'median bare Kestrel %s: %s req/s, %s us server CPU/req, %s B allocated/req\n' "$BARE_PATH" "$bare_rps" "$bare_cpu" "$bare_alloc"
awk -v r="$rpc_rps" -v b="$bare_rps" -v rc="$rpc_cpu" -v bc="$bare_cpu" 'BEGIN {
    printf "overhead of PairDb.Rpc: %.1f%% fewer req/s, %.1f%% more server CPU per request (target: under 20%%)\n",
        (b - r) / b * 100, (rc - bc) / bc * 100 }'
