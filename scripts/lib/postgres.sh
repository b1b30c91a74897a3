# shellcheck shell=bash
# Throwaway PostgreSQL for tests: initdb into a temp dir, loopback only, a free port, fsync off.
# Sourced, not executed. Sets PG_PORT, PG_TEST_USER, PG_TEST_PASSWORD, PG_TEST_DB; pg_stop is safe
# to call at any time.

PG_BIN=""
PG_DIR=""
PG_PID=""
PG_PORT=""
PG_TEST_USER="pairdb_test"
PG_TEST_DB="pairdb_test"
PG_TEST_PASSWORD=""

# Finds the server binaries (Debian keeps them off PATH) and installs PostgreSQL only if absent.
pg_ensure_installed() {
    PG_BIN="$(pg_find_bindir)"
    if [ -z "$PG_BIN" ]; then
        apt_install postgresql
        PG_BIN="$(pg_find_bindir)"
    fi
    [ -n "$PG_BIN" ] || die "PostgreSQL server binaries not found after installing postgresql"
}

pg_find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    fi
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
}

# The server refuses to run as root, so as root every server-side tool runs as `postgres`,
# from inside the temp dir (initdb fails if it cannot read the current directory).
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$PG_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$PG_DIR" && "$@")
    fi
}

# initdb, start on a free port (bounded wait), then create the test role and database.
# TCP connections need the password (scram), so tests exercise real authentication.
pg_start() {
    local attempt
    PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-pg.XXXXXX")"
    mkdir "$PG_DIR/sock"
    random_hex >"$PG_DIR/superuser.pw"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres: "$PG_DIR"
    fi
    if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/superuser.pw" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync \
        >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        die "initdb failed"
    fi
    for attempt in 1 2 3; do
        PG_PORT="$(free_port)"
        pg_launch
        if pg_wait_ready; then
            break
        fi
        log "postgres did not come up on port $PG_PORT (attempt $attempt); its log:"
        tail -n 20 "$PG_DIR/server.log" >&2 || true
        pg_kill
        [ "$attempt" -lt 3 ] || die "could not start postgres after 3 attempts"
    done
    PG_TEST_PASSWORD="$(random_hex)"
    pg_as_owner "$PG_BIN/psql" -X -q -h "$PG_DIR/sock" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE $PG_TEST_USER LOGIN CREATEDB PASSWORD '$PG_TEST_PASSWORD'" \
        -c "CREATE DATABASE $PG_TEST_DB OWNER $PG_TEST_USER" >/dev/null \
        || die "could not create the test role and database"
}

# Runs the postmaster as a direct child of this shell (setpriv execs, it does not fork), so the
# shell can stop it by pid and reap it: no daemon outlives the script, not even as a zombie.
pg_launch() {
    local -a server=("$PG_BIN/postgres" -D "$PG_DIR/data" -k "$PG_DIR/sock" -p "$PG_PORT"
        -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off
        -c max_connections=200)
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$PG_DIR" && exec setpriv --reuid=postgres --regid=postgres --init-groups -- "${server[@]}") \
            </dev/null >"$PG_DIR/server.log" 2>&1 &
    else
        (cd "$PG_DIR" && exec "${server[@]}") </dev/null >"$PG_DIR/server.log" 2>&1 &
    fi
    PG_PID=$!
}

# Waits up to 30 s for the server to accept TCP connections; fails early if it died.
pg_wait_ready() {
    for _ in $(seq 1 300); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1; then
            return 0
        fi
        kill -0 "$PG_PID" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# SIGQUIT is PostgreSQL's immediate shutdown: nothing worth a checkpoint lives in a throwaway server.
pg_kill() {
    if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
        kill -QUIT "$PG_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$PG_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$PG_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_PID" ]; then
        wait "$PG_PID" 2>/dev/null || true
    fi
    PG_PID=""
}

pg_stop() {
    pg_kill
    if [ -n "$PG_DIR" ]; then
        rm -rf "$PG_DIR"
        PG_DIR=""
    fi
}
