#!/usr/bin/env bash
# Three coordinators in one Akka.NET cluster on one machine with the load spread over them: three storage node
# processes (RF 3), three coordinator processes over a throwaway PostgreSQL (metadata) and Redis (idempotency
# records), which several coordinators need, the first coordinator the seed of all. The load generator's workers
# go round-robin over the three coordinators' gRPC endpoints (worker i calls coordinator i mod 3, one channel
# each) for distinct-key writes, reads and one hot key, each at QUORUM. After each run: the CPU steal, and the
# share of applied writes whose key actor ran on another coordinator than the one called
# (coordinator_key_writes_total{owner="forwarded"} over all of it, before/after deltas of each coordinator's
# /metrics; a run's preload and warm-up included, reads are not forwarded so a read run shows its preload).
# At the end, each coordinator's RSS.
#
# Usage: bench/cluster-three.sh [--durability fsync|os] [--concurrency N] [--duration S] [--warmup S] [--keys K]
#                               [--value-size B]
# Each run is warmed up for --warmup seconds (default 60). Seven .NET processes share the machine's cores here, so
# each JIT-compiles more slowly than one alone: 20 s into a write load, the tiered compiler still took 30% of a
# coordinator's CPU samples (perf), and writes ran at half the rate they reach after 60 s.
# Every variable of the environment reaches the coordinators, e.g. `PASSIVATE_AFTER_MS=5000 bench/cluster-three.sh`.
# Everything it starts (PostgreSQL and Redis included) is stopped on exit, on Ctrl-C and on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURABILITY=fsync CONCURRENCY=64 DURATION=20 KEYS=100000 VALUE_SIZE=100 WARMUP=60
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_options "durability concurrency duration warmup keys value-size" "$@"

# bench/lib.sh brings scripts/lib/common.sh, which the throwaway servers of scripts/test.sh need.
# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
# shellcheck source=scripts/lib/redis.sh
source scripts/lib/redis.sh
bench_work cluster
# The coordinators stop before the stores they use.
trap 'bench_cleanup; redis_stop; pg_stop' EXIT

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null
dotnet build -c Release -v quiet -nologo src/PairDb.Cli >/dev/null
dotnet build -c Release -v quiet -nologo bench/PairDb.Bench >/dev/null

echo "== PostgreSQL and Redis (throwaway, loopback)"
redis_ensure_installed
pg_ensure_installed
redis_start
pg_start

echo "== 3 storage nodes (durability $DURABILITY), 3 coordinators in one cluster, RF 3"
NODES=""
for i in 1 2 3; do
    read -r PORT HEALTH < <(free_ports 2)
    NODE_ID="s$i" SERVER_PORT=$PORT HEALTH_PORT=$HEALTH METRICS_PORT=off DATA_DIR="$WORK/s$i" DURABILITY="$DURABILITY" \
        LOG_LEVEL=Warning dotnet src/Storage.Host/bin/Release/net10.0/Storage.Host.dll >"$WORK/s$i.log" 2>&1 &
    PIDS+=($!)
    NODES+="${NODES:+,}s$i=127.0.0.1:$PORT"
    wait_ready $! "$WORK/s$i.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"
done

# Coordinator i: gRPC GRPC[i], /metrics on METRICS[i], process COORDINATORS[i]. Each waits for the one before it
# to be ready, as the integration tests' cluster does: the seed forms the cluster, the others join it.
declare -a GRPC METRICS COORDINATORS
TARGETS=""
SEED=""
for i in 1 2 3; do
    read -r "GRPC[i]" HEALTH "METRICS[i]" REMOTING < <(free_ports 4)
    SEED=${SEED:-127.0.0.1:$REMOTING}
    SERVER_PORT=${GRPC[i]} HEALTH_PORT=$HEALTH METRICS_PORT=${METRICS[i]} CLUSTER_PORT=$REMOTING CLUSTER_SEEDS=$SEED \
        DATA_DIR="$WORK/c$i" EMBEDDED_STORAGE_NODES=0 STORAGE_NODES="$NODES" \
        DATABASE_HOST=127.0.0.1 DATABASE_PORT="$PG_PORT" DATABASE_NAME="$PG_TEST_DB" DATABASE_USER="$PG_TEST_USER" \
        DATABASE_PASSWORD="$PG_TEST_PASSWORD" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT" LOG_LEVEL=Warning \
        dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/c$i.log" 2>&1 &
    COORDINATORS[i]=$!
    PIDS+=($!)
    TARGETS+="${TARGETS:+,}127.0.0.1:${GRPC[i]}"
    wait_ready "${COORDINATORS[i]}" "$WORK/c$i.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"
done

# The cluster as the seed sees it: three members, all up.
three_up() {
    dotnet src/PairDb.Cli/bin/Release/net10.0/pairdb.dll --coordinator "127.0.0.1:${GRPC[1]}" cluster members -o json |
        python3 -c 'import json, sys; m = json.load(sys.stdin)["members"]; sys.exit(len(m) != 3 or any(x["status"] != "up" for x in m))'
}
wait_ready "${COORDINATORS[1]}" "$WORK/c1.log" three_up
echo "cluster: 3 members up; load on $TARGETS"

# Applied writes of each coordinator, one line each: "NUMBER ALL FORWARDED".
key_writes() {
    for i in 1 2 3; do
        curl -sf "http://127.0.0.1:${METRICS[i]}/metrics" | awk -v n="$i" '
            /^coordinator_key_writes_total\{/ { all += $2; if (index($1, "owner=\"forwarded\"")) forwarded += $2 }
            END { print n, all + 0, forwarded + 0 }'
    done
}

# One load run over the three coordinators, then its steal and the share of forwarded writes.
run() {
    key_writes >"$WORK/writes-before"
    bench_run dotnet bench/PairDb.Bench/bin/Release/net10.0/PairDb.Bench.dll load --target "$TARGETS" \
        --consistency quorum --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" --keys "$KEYS" \
        --value-size "$VALUE_SIZE" "$@"
    key_writes >"$WORK/writes-after"
    awk '
        function share(part, whole) { return whole > 0 ? sprintf("%.1f%%", 100 * part / whole) : "n/a" }
        NR == FNR { all[$1] = $2; forwarded[$1] = $3; next }
        {
            a = $2 - all[$1]; f = $3 - forwarded[$1]; total += a; totalForwarded += f
            each = each sprintf("%scoordinator %d %s of %d", each == "" ? "" : ", ", $1, share(f, a), a)
        }
        END { printf "forwarded writes (preload and warm-up included): %s of %d (%s)\n", share(totalForwarded, total), total, each }
    ' "$WORK/writes-before" "$WORK/writes-after"
}

echo "== distinct-key writes"
run --workload write
echo "== reads"
run --workload read
echo "== one hot key, writes"
run --workload write --hot-key
for i in 1 2 3; do echo "coordinator $i RSS after the runs: $(rss_mb "${COORDINATORS[i]}") MB"; done
