#!/usr/bin/env bash
# Runs every fuzz target for a short while; fails on the first crash, leak or timeout.
#
#   scripts/fuzz-smoke.sh                  # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh config pattern
#   FUZZ_SANITIZER=address scripts/fuzz-smoke.sh     # with AddressSanitizer (about 5x slower)
#   FUZZ_TIMEOUT=30 FUZZ_SECONDS=3600 scripts/fuzz-smoke.sh apply_differential   # a long run
#                                           # on a loaded machine: a slower limit per input
#
# The default sanitizer is `none`: the crate forbids unsafe code, so the targets look for
# panics, wrong answers and unbounded time or memory, and run ~5x faster without ASan.
#
# Installs what it needs when missing: the nightly toolchain and cargo-fuzz.
# Seeds come from fuzz/corpus/<target>/ (read only); new inputs go to
# fuzz/target/work/<target>/ and crashes to fuzz/artifacts/<target>/.
#
# Prints one summary line per target (executions, coverage, corpus, crashes); libFuzzer's full
# log is kept in fuzz/target/logs/<target>.log, and its tail is printed when a target fails.
set -euo pipefail

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}"
FUZZ_TIMEOUT="${FUZZ_TIMEOUT:-10}"
CARGO_FUZZ_VERSION="${CARGO_FUZZ_VERSION:-0.13.2}"
cd "$(dirname "$0")/.."

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    # --locked: cargo-fuzz's own lock file. A registry mirror that lacks one of its versions
    # makes that fail; then say so and resolve afresh.
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" \
        || { echo "!! cargo install --locked failed; retrying without --locked" >&2
             cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION"; }
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

# The last value of `key: N` in a libFuzzer log (e.g. `cov: 1234` from its status lines).
last() { grep -o "$1: [0-9]*" "$2" | tail -1 | grep -o '[0-9]*$' || true; }

mkdir -p fuzz/target/logs
status=0
for target in "${targets[@]}"; do
    work="fuzz/target/work/$target"
    log="fuzz/target/logs/$target.log"
    mkdir -p "$work" "fuzz/corpus/$target"
    ok=1
    cargo +nightly fuzz run --sanitizer "$FUZZ_SANITIZER" "$target" "$work" "fuzz/corpus/$target" -- \
        -max_total_time="$FUZZ_SECONDS" \
        -dict=fuzz/dict \
        -max_len=4096 \
        -timeout="$FUZZ_TIMEOUT" \
        -rss_limit_mb=2048 \
        -print_final_stats=1 >"$log" 2>&1 || ok=0
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    crashes=$(grep -c 'Test unit written to' "$log" || true)
    printf 'fuzz %-22s %s: %s executions (%s/s) in %ss, coverage %s, features %s, corpus %s, crashes %s\n' \
        "$target" "$([ "$ok" = 1 ] && echo ok || echo FAILED)" "${execs:-?}" "${rate:-?}" \
        "$FUZZ_SECONDS" "$(last cov "$log")" "$(last ft "$log")" "$(last corp "$log")" "$crashes"
    if [ "$ok" = 0 ]; then
        echo "!! fuzz target $target failed; reproducer in fuzz/artifacts/$target/; the log's tail ($log):" >&2
        tail -n 40 "$log" >&2
        status=1
    fi
done
exit "$status"
