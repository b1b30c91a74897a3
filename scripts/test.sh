#!/usr/bin/env bash
# The project's single test command: installs what the tests need, starts throwaway PostgreSQL and
# Redis servers on free loopback ports, runs every test of the solution against them, always stops
# the servers, and ends with one line "N passed, N failed, N skipped" (CI reads it).
#
# Usage: ./scripts/test.sh [dotnet test arguments]    e.g. ./scripts/test.sh --filter FullyQualifiedName~Integration
# Environment: PAIRDB_TEST_HANG_TIMEOUT (default 5m, "off" to disable) aborts a test host whose single
# test runs longer, so a deadlocked test fails the run instead of eating CI's time budget.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/postgres.sh
source "$REPO_ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/redis.sh
source "$REPO_ROOT/scripts/lib/redis.sh"
# shellcheck source=scripts/lib/python.sh
source "$REPO_ROOT/scripts/lib/python.sh"
# shellcheck source=scripts/lib/results.sh
source "$REPO_ROOT/scripts/lib/results.sh"

RESULTS_DIR=""
INTEGRATION_PID=""

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$INTEGRATION_PID" ]; then
        kill "$INTEGRATION_PID" 2>/dev/null || true
        wait "$INTEGRATION_PID" 2>/dev/null || true
    fi
    redis_stop
    pg_stop
    if [ -n "$RESULTS_DIR" ]; then
        rm -rf "$RESULTS_DIR"
        RESULTS_DIR=""
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null 2>&1 || die "dotnet (SDK 10) is not on PATH"
redis_ensure_installed
pg_ensure_installed
# promtool (Debian package prometheus) checks the /metrics text in the integration tests.
command -v promtool >/dev/null 2>&1 || apt_install prometheus
# python3-grpcio and python3-grpc-tools: the second independent gRPC client of the interop tests.
python_grpc_ensure_installed

redis_start
log "redis on 127.0.0.1:$REDIS_PORT"
pg_start
log "postgres on 127.0.0.1:$PG_PORT ($("$PG_BIN/postgres" --version))"

export PAIRDB_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_TEST_USER;Password=$PG_TEST_PASSWORD;Database=$PG_TEST_DB"
export PAIRDB_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export PAIRDB_TEST_SERVERS=1

hang_guard=()
if [ "${PAIRDB_TEST_HANG_TIMEOUT:-5m}" != "off" ]; then
    hang_guard=(--blame-hang-timeout "${PAIRDB_TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type none)
fi

RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pairdb-results.XXXXXX")"
log "dotnet build PairDb.Akka.sln -c Release"
dotnet build "$REPO_ROOT/PairDb.Akka.sln" -c Release -nologo -v quiet </dev/null || exit $?

# The integration tests take most of the time and mostly wait on processes, so they run beside the other projects,
# which run one after another; the integration tests' lines are prefixed with [integration].
run_tests() {
    dotnet test "$1" -c Release --no-build \
        --logger "console;verbosity=minimal" --logger trx --results-directory "$RESULTS_DIR" \
        "${hang_guard[@]}" "${@:2}" </dev/null
}
log "dotnet test (Release, every test project) $*"
run_tests "$REPO_ROOT/tests/Integration.Tests/Integration.Tests.csproj" "$@" > >(sed -u 's/^/[integration] /') 2>&1 &
INTEGRATION_PID=$!
test_rc=0
for project in "$REPO_ROOT"/tests/*/*.Tests.csproj; do
    case "$project" in */Integration.Tests/*) continue ;; esac
    run_tests "$project" "$@" || test_rc=$?
done
integration_rc=0
wait "$INTEGRATION_PID" || integration_rc=$?
INTEGRATION_PID=""
[ "$test_rc" -ne 0 ] || test_rc=$integration_rc

summary="$(trx_summary "$RESULTS_DIR")"
case "$summary" in
    *" passed, 0 failed"*)
        if [ "$test_rc" -ne 0 ]; then
            log "dotnet test exited $test_rc with no failed test: a build error or a crashed test host (see above)"
        fi
        ;;
esac
redis_stop
pg_stop
printf '%s\n' "$summary"
exit "$test_rc"
