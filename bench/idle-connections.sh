#!/usr/bin/env bash
# Coordinator RSS with many idle client connections (embedded defaults: three storage nodes in the process). Opens
# CONNECTIONS TCP connections to the gRPC port that send nothing (MODE tcp) or only the HTTP/2 preface and SETTINGS
# (MODE h2), holds them, closes them, and prints the coordinator's RSS and the connections the server still holds at
# each step. Settings and runtime knobs come from the environment, e.g.
#   MAX_CONNECTIONS=20000 bench/idle-connections.sh 19000 h2          (the limit out of the way)
#   DOTNET_gcServer=0 bench/idle-connections.sh 19000 h2               (workstation GC)
#   DOTNET_GCConserveMemory=7 bench/idle-connections.sh 19000 h2
# Each side needs one file descriptor per connection: CONNECTIONS stays below `ulimit -n`.
#
# Usage: bench/idle-connections.sh [CONNECTIONS] [tcp|h2]   (defaults 19000 h2)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CONNECTIONS="${1:-19000}"
MODE="${2:-h2}"
# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_work idle

held() { ss -Htn state established "( sport = :$GRPC )" | wc -l; }
report() { echo "$1: coordinator RSS $(rss_mb "$COORDINATOR") MB, connections held by the server $(held)"; }

echo "== building (Release)"
dotnet build -c Release -v quiet -nologo src/Coordinator.Host >/dev/null

start_embedded_coordinator STORAGE_DURABILITY=os LOG_LEVEL=Error
sleep 5
report "ready, no client"

# The holder opens the connections, reports, then closes them all when $WORK/close-N appears; two rounds, so the
# second shows whether memory kept after the first is reused or grows.
hold_round() {
    local round=$1
    python3 - "$GRPC" "$CONNECTIONS" "$MODE" "$WORK" "$round" <<'PY' &
import os, socket, sys, time
port, count, mode, work, round = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])
sockets = []
for _ in range(count):
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", port))
        if mode == "h2":
            s.sendall(preface)
    except OSError:
        s.close()
        continue
    sockets.append(s)
open(os.path.join(work, "opened-" + round), "w").write(str(len(sockets)))
while not os.path.exists(os.path.join(work, "close-" + round)):
    time.sleep(0.2)
for s in sockets:
    s.close()
PY
    local holder=$!
    PIDS+=("$holder")
    while [ ! -f "$WORK/opened-$round" ]; do sleep 0.5; done
    echo "round $round: opened $(cat "$WORK/opened-$round") of $CONNECTIONS connections ($MODE)"
    sleep 10
    report "round $round, holding 10 s"
    sleep 20
    report "round $round, holding 30 s"
    touch "$WORK/close-$round"
    wait "$holder" || true
    sleep 10
    report "round $round, closed 10 s"
    sleep 50
    report "round $round, closed 60 s"
}
hold_round 1
hold_round 2
