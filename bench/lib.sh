# shellcheck shell=bash
# Shared by the bench scripts: a throwaway work folder whose background processes are stopped on exit, free
# loopback ports, the CPU steal of a run and process RSS. Source it after `set -euo pipefail`; `bench_work NAME`
# sets WORK and PIDS.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

# Parses a script's options into variables named after them (--value-size V sets VALUE_SIZE=V), so each script only
# lists the names it takes and sets its defaults beforehand. A name ending in "!" is a flag without a value, set to 1.
# An unknown option or a missing value ends the script with exit code 2.
# Usage: bench_options "concurrency duration hot-key!" "$@"
bench_options() {
    local names=" $1 " name var
    shift
    while [ $# -gt 0 ]; do
        name=${1#--}
        var=$(printf '%s' "$name" | tr 'a-z-' 'A-Z_')
        case "$names" in
            *" $name! "*) printf -v "$var" '%s' 1; shift ;;
            *" $name "*)
                [ $# -ge 2 ] || { echo "option $1 needs a value" >&2; exit 2; }
                printf -v "$var" '%s' "$2"
                shift 2 ;;
            *) echo "unknown option $1" >&2; exit 2 ;;
        esac
    done
}

# Makes WORK (a fresh temporary folder) and PIDS (processes to stop); on exit, kills and reaps every PID, then
# removes WORK.
bench_work() {
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-$1.XXXXXX")"
    PIDS=()
    trap bench_cleanup EXIT
}

# shellcheck disable=SC2317 # called from the EXIT trap
bench_cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}

# Prints $1 (default 1) distinct free loopback ports on one line, each from free_port (scripts/lib/common.sh).
free_ports() {
    local ports=() port
    while [ "${#ports[@]}" -lt "${1:-1}" ]; do
        port=$(free_port)
        case " ${ports[*]} " in *" $port "*) ;; *) ports+=("$port") ;; esac
    done
    echo "${ports[@]}"
}

# Runs one load and says how much CPU the hypervisor took from this machine meanwhile (steal, from /proc/stat):
# on shared machines the rates move with it, so a run is only comparable with runs of similar steal.
bench_run() {
    local before after
    before=$(awk '/^cpu /{print $9}' /proc/stat)
    "$@"
    after=$(awk '/^cpu /{print $9}' /proc/stat)
    echo "cpu steal during the run (warm-up included): $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms"
}

# Waits up to 60 s until the command after PID and LOG succeeds while process PID lives; otherwise prints the end of
# LOG and exits 1. Usage: wait_ready PID LOG command...   e.g. wait_ready "$pid" "$WORK/c1.log" curl -sf "$url"
wait_ready() {
    local pid=$1 log=$2
    shift 2
    for _ in $(seq 1 300); do
        "$@" >/dev/null 2>&1 && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    echo "not ready ($*); the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
}

# Resident set size of process $1 in MB.
rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

# Starts the embedded coordinator (three storage nodes in its process) on fresh loopback ports with its data in
# $WORK/data and LOG_LEVEL=Warning, any NAME=VALUE arguments added to (or overriding) its environment, and waits until it is ready. Sets GRPC, HEALTH and
# METRICS (its ports) and COORDINATOR (its pid, also added to PIDS); it logs to $WORK/coordinator.log.
# Usage: start_embedded_coordinator [NAME=VALUE ...]
start_embedded_coordinator() {
    read -r GRPC HEALTH METRICS <<<"$(free_ports 3)"
    env SERVER_PORT="$GRPC" HEALTH_PORT="$HEALTH" METRICS_PORT="$METRICS" DATA_DIR="$WORK/data" LOG_LEVEL=Warning "$@" \
        dotnet src/Coordinator.Host/bin/Release/net10.0/Coordinator.Host.dll >"$WORK/coordinator.log" 2>&1 &
    COORDINATOR=$!
    PIDS+=("$COORDINATOR")
    wait_ready "$COORDINATOR" "$WORK/coordinator.log" curl -sf "http://127.0.0.1:$HEALTH/health/ready"
}
