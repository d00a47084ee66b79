#!/usr/bin/env bash
# Runs every fuzz target for a short while; fails on the first crash, leak or timeout.
#
#   scripts/fuzz-smoke.sh                  # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh config pattern
#   FUZZ_SANITIZER=address scripts/fuzz-smoke.sh     # with AddressSanitizer (about 5x slower)
#
# The default sanitizer is `none`: the crate forbids unsafe code, so the targets look for
# panics, wrong answers and unbounded time or memory, and run ~5x faster without ASan.
#
# Installs what it needs when missing: the nightly toolchain and cargo-fuzz.
# Seeds come from fuzz/corpus/<target>/ (read only); new inputs go to
# fuzz/target/work/<target>/ and crashes to fuzz/artifacts/<target>/.
set -euo pipefail

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}"
CARGO_FUZZ_VERSION="${CARGO_FUZZ_VERSION:-0.13.2}"
cd "$(dirname "$0")/.."

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

status=0
for target in "${targets[@]}"; do
    work="fuzz/target/work/$target"
    mkdir -p "$work" "fuzz/corpus/$target"
    echo "== fuzz $target for ${FUZZ_SECONDS}s"
    if ! cargo +nightly fuzz run --sanitizer "$FUZZ_SANITIZER" "$target" "$work" "fuzz/corpus/$target" -- \
        -max_total_time="$FUZZ_SECONDS" \
        -dict=fuzz/dict \
        -max_len=4096 \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1; then
        echo "!! fuzz target $target failed; reproducer in fuzz/artifacts/$target/" >&2
        status=1
    fi
done
exit "$status"
