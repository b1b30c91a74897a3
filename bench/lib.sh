# shellcheck shell=bash
# Shared by the bench scripts: a throwaway work folder whose background processes are stopped on exit, free
# loopback ports, the CPU steal of a run and process RSS. Source it after `set -euo pipefail`; `bench_work NAME`
# sets WORK and PIDS.

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

# N (default 1) distinct free loopback ports on one line, held open together while they are picked.
free_ports() {
    python3 -c 'import socket,sys; s=[socket.socket() for _ in range(int(sys.argv[1]))]; [x.bind(("127.0.0.1",0)) for x in s]; print(*[x.getsockname()[1] for x in s]); [x.close() for x in s]' "${1:-1}"
}

free_port() { free_ports 1; }

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
