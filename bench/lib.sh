# shellcheck shell=bash
# Shared by the bench scripts: a throwaway work folder whose background processes are stopped on exit, free
# loopback ports, the CPU steal of a run and process RSS. Source it after `set -euo pipefail`; `bench_work NAME`
# sets WORK and PIDS.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

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

# Resident set size of process $1 in MB.
rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }
