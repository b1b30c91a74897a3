# shellcheck shell=bash
# Reads the TRX files that `dotnet test --logger trx` wrote and sums their counters.
# Sourced, not executed.

# Prints "N passed, N failed, N skipped" summed over every *.trx under the given directory.
# Errors, timeouts and aborts count as failed; tests not executed (xunit Skip) count as skipped.
trx_summary() {
    local dir="$1" file counters passed=0 failed=0 skipped=0 total executed
    while IFS= read -r -d '' file; do
        counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1)"
        [ -n "$counters" ] || continue
        total="$(trx_attr "$counters" total)"
        executed="$(trx_attr "$counters" executed)"
        passed=$((passed + $(trx_attr "$counters" passed)))
        failed=$((failed + $(trx_attr "$counters" failed) + $(trx_attr "$counters" error) \
            + $(trx_attr "$counters" timeout) + $(trx_attr "$counters" aborted)))
        skipped=$((skipped + total - executed))
    done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
    printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
}

# Prints one numeric attribute of a <Counters .../> element, 0 when absent.
trx_attr() {
    local value
    value="$(printf '%s' "$1" | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")"
    printf '%s\n' "${value:-0}"
}
