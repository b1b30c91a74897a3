# shellcheck shell=bash
# Throwaway Redis for tests: no persistence, loopback only, a free port, a temp dir.
# Sourced, not executed. Sets REDIS_PORT; redis_stop is safe to call at any time.

REDIS_PID=""
REDIS_DIR=""
REDIS_PORT=""

redis_ensure_installed() {
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
        apt_install redis-server
    fi
}

# Starts redis-server in the background and waits (bounded) until it answers PING.
# Retries on another port if the chosen one was taken in the meantime.
redis_start() {
    local attempt
    REDIS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-redis.XXXXXX")"
    for attempt in 1 2 3; do
        REDIS_PORT="$(free_port)"
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
            --dir "$REDIS_DIR" --logfile "$REDIS_DIR/redis.log" </dev/null &
        REDIS_PID=$!
        for _ in $(seq 1 300); do
            if [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; then
                return 0
            fi
            if ! kill -0 "$REDIS_PID" 2>/dev/null; then
                break
            fi
            sleep 0.1
        done
        log "redis-server did not come up on port $REDIS_PORT (attempt $attempt); its log:"
        cat "$REDIS_DIR/redis.log" >&2 || true
        redis_kill
    done
    die "could not start redis-server after 3 attempts"
}

redis_kill() {
    if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
        kill "$REDIS_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$REDIS_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$REDIS_PID" 2>/dev/null || true
        wait "$REDIS_PID" 2>/dev/null || true
    fi
    REDIS_PID=""
}

redis_stop() {
    redis_kill
    if [ -n "$REDIS_DIR" ]; then
        rm -rf "$REDIS_DIR"
        REDIS_DIR=""
    fi
}
