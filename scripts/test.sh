#!/usr/bin/env bash
# The whole test suite (README's second command; .ci/run calls it):
#   formatting and lints, every Rust test (unit, SPEC, vectors, properties, CLI, hostile input,
#   concurrency, allocation, doc and README examples), a quick pass of the benchmark report,
#   the WebAssembly binding from Node (+ TypeScript check), the npm package as users install it,
#   and the preview page in Chromium.
# Installs what it needs when missing (rustfmt/clippy components, the wasm32 target,
# wasm-bindgen-cli, npm packages, Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==== %s\n' "$*"; }

cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

step "cargo fmt --check"
cargo fmt --check

# --all-features: the `cli` feature builds `cidt` (tests/cli.rs), `wasm` the binding's own tests.
step "cargo clippy --all-targets --all-features -- -D warnings"
cargo clippy --all-targets --all-features -- -D warnings

step "cargo test --all-features"
cargo test --all-features

step "benchmark report, quick mode (ratios printed; the full run writes BENCHMARKS.md)"
cargo bench --bench report -- --quick

step "rule-testing benchmark, quick mode (outcome vs apply; cidt diff vs apply twice + diff)"
cargo bench --features cli --bench diff -- --quick

step "WebAssembly binding from Node"
bash scripts/test-js.sh

step "the npm package: npm pack, installed and used from ESM, CommonJS, a page in Chromium, tsc"
bash scripts/test-npm-package.sh

step "preview page in Chromium"
bash scripts/test-browser.sh

step "all passed"
