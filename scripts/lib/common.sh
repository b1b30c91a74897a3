# shellcheck shell=bash
# Shared helpers for scripts/test.sh: logging and installing missing Debian packages.
# Sourced, not executed.

log() {
    printf '==> %s\n' "$*"
}

die() {
    printf 'test.sh: error: %s\n' "$*" >&2
    exit 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        die "need root to run: $* (install it by hand or run as root)"
    fi
}

APT_LISTS_UPDATED=0

# Installs Debian packages quietly; on failure prints apt's full output so the cause is visible.
apt_install() {
    local out
    out="$(mktemp)"
    if [ "$APT_LISTS_UPDATED" -eq 0 ]; then
        log "apt-get update"
        if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$out" 2>&1; then
            cat "$out" >&2
            rm -f "$out"
            die "apt-get update failed"
        fi
        APT_LISTS_UPDATED=1
    fi
    log "apt-get install $*"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$out" 2>&1; then
        cat "$out" >&2
        rm -f "$out"
        die "apt-get install $* failed"
    fi
    rm -f "$out"
}

# Prints a TCP port on 127.0.0.1 that nothing listens on. The range sits below Linux's ephemeral
# range (32768+), so outgoing connections cannot grab the port between this probe and the bind.
free_port() {
    local port attempt
    for attempt in $(seq 1 200); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    die "no free loopback port found after $attempt probes"
}

# Prints a random hex string, for throwaway passwords.
random_hex() {
    od -An -N12 -tx1 /dev/urandom | tr -d ' \n'
}
