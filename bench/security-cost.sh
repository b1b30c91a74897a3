#!/usr/bin/env bash
# What TLS and authentication cost: one coordinator with its three embedded storage nodes (RF 3, QUORUM; fsync unless
# STORAGE_DURABILITY says otherwise) on a fresh data folder, driven by the closed-loop load generator with distinct-key
# writes then reads, in four shapes, each on a coordinator of its own:
#   plain     no TLS, no authentication (the embedded default)
#   tls       TLS on the client listener and mutual TLS to the storage nodes (certificates made here with openssl)
#   auth      authentication on, the load sent with a tenant token
#   tls+auth  both
# The shapes run in turn, --rounds times, so every shape sees the same noise of this shared machine. Prints ops/s, p50
# and p99 of each run, then the CPU steal of each.
#
# Usage: bench/security-cost.sh [--concurrency N] [--duration S] [--warmup S] [--keys K] [--value-size B] [--rounds R]
# Each run is warmed up for --warmup seconds (default 30: .NET's tiered JIT needs 20-40 s under load to settle).
# Everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONCURRENCY=64 DURATION=20 WARMUP=30 KEYS=20000 VALUE_SIZE=100 ROUNDS=2
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "concurrency duration warmup keys value-size rounds" "$@"

bench_work security

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo src/PairDb.Cli >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null

# A CA, and one certificate for 127.0.0.1 used by the client listener and (server and client authentication) by the
# storage link: the embedded storage nodes serve with the coordinator's storage certificate.
CERTS="$WORK/certs"
mkdir -p "$CERTS"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=bench CA" \
    -keyout "$CERTS/ca.key" -out "$CERTS/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$CERTS/node.key" -out "$CERTS/node.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature\n' >"$CERTS/node.ext"
openssl x509 -req -in "$CERTS/node.csr" -CA "$CERTS/ca.crt" -CAkey "$CERTS/ca.key" -CAcreateserial -days 2 \
    -extfile "$CERTS/node.ext" -out "$CERTS/node.crt" 2>/dev/null

ADMIN_TOKEN="bench-admin-$(openssl rand -hex 24)"
CLI=(dotnet src/PairDb.Cli/bin/Release/net10.0/pairdb.dll)
BENCH=(dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll)

# Starts the coordinator of shape $1 on a fresh data folder; sets GRPC, COORDINATOR_PID, CLIENT_ARGS (TLS and token
# options of the load generator).
start_coordinator() {
    local shape="$1" health env=()
    GRPC=$(free_port) health=$(free_port)
    env=(SERVER_PORT="$GRPC" HEALTH_PORT="$health" METRICS_ENABLED=false DATA_DIR="$WORK/data-$shape-$RANDOM" LOG_LEVEL=Warning)
    CLIENT_ARGS=()
    case "$shape" in tls|tls+auth)
        env+=(TLS_CERT_FILE="$CERTS/node.crt" TLS_KEY_FILE="$CERTS/node.key"
              STORAGE_TLS_CA_FILE="$CERTS/ca.crt" STORAGE_TLS_CERT_FILE="$CERTS/node.crt" STORAGE_TLS_KEY_FILE="$CERTS/node.key")
        CLIENT_ARGS+=(--tls-ca "$CERTS/ca.crt") ;;
    esac
    case "$shape" in auth|tls+auth) env+=(AUTH_ENABLED=true ADMIN_TOKEN="$ADMIN_TOKEN") ;; esac
    env "${env[@]}" dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/coordinator-$shape.log" 2>&1 &
    COORDINATOR_PID=$!
    PIDS+=("$COORDINATOR_PID")
    wait_ready "$COORDINATOR_PID" "$WORK/coordinator-$shape.log" curl -sf "http://127.0.0.1:$health/health/ready"
    case "$shape" in auth|tls+auth)
        local token
        token=$("${CLI[@]}" --coordinator "127.0.0.1:$GRPC" --token "$ADMIN_TOKEN" "${CLIENT_ARGS[@]}" --output json \
            tenant token create default | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
        CLIENT_ARGS+=(--token "$token") ;;
    esac
}

stop_coordinator() {
    kill "$COORDINATOR_PID" 2>/dev/null || true
    wait "$COORDINATOR_PID" 2>/dev/null || true
}

# One load: NAME WORKLOAD; its JSON report goes to $WORK/NAME.json, the CPU steal of the run to $WORK/NAME.steal.
load() {
    local ticks_before ticks_after
    ticks_before=$(awk '/^cpu /{print $9}' /proc/stat)
    "${BENCH[@]}" load --target "127.0.0.1:$GRPC" --workload "$2" --consistency quorum --concurrency "$CONCURRENCY" \
        --duration "$DURATION" --warmup "$WARMUP" --keys "$KEYS" --value-size "$VALUE_SIZE" "${CLIENT_ARGS[@]}" --json >"$WORK/$1.json"
    ticks_after=$(awk '/^cpu /{print $9}' /proc/stat)
    echo $(( (ticks_after - ticks_before) * 1000 / $(getconf CLK_TCK) )) >"$WORK/$1.steal"
}

SHAPES=(plain tls auth tls+auth)
echo "== coordinator + 3 embedded storage nodes, RF 3, QUORUM, durability ${STORAGE_DURABILITY:-fsync};" \
    "concurrency $CONCURRENCY, ${DURATION}s after ${WARMUP}s warm-up, $KEYS keys of $VALUE_SIZE bytes, $ROUNDS rounds"
for round in $(seq 1 "$ROUNDS"); do
    for shape in "${SHAPES[@]}"; do
        start_coordinator "$shape"
        load "$shape-write-$round" write
        load "$shape-read-$round" read
        stop_coordinator
        echo "   round $round: $shape done"
    done
done

python3 - "$WORK" "$ROUNDS" "${SHAPES[@]}" <<'PY'
import json, sys
work, rounds, shapes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print(f"{'run':<22}{'ops/s':>10}{'p50 ms':>9}{'p99 ms':>9}  {'errors':<24}{'cpu steal ms':>12}")
for op in ("write", "read"):
    for shape in shapes:
        for r in range(1, rounds + 1):
            name = f"{shape}-{op}-{r}"
            rep = json.load(open(f"{work}/{name}.json"))
            steal = open(f"{work}/{name}.steal").read().strip()
            errors = ", ".join(f"{k}={v}" for k, v in rep["ErrorsByStatus"].items()) or "none"
            print(f"{name:<22}{rep['OpsPerSecond']:>10.0f}{rep['P50Ms']:>9.2f}{rep['P99Ms']:>9.2f}  {errors:<24}{steal:>12}")
PY
