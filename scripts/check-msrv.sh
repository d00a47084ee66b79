#!/usr/bin/env bash
# The crate's `rust-version` is true: the library, with the feature set a library user gets
# (the defaults) and the committed Cargo.lock, builds with that exact toolchain. Installs the
# toolchain (minimal profile) when it is missing. Usage: scripts/check-msrv.sh
#
# The `cli` feature is not covered: with the committed lock, clap needs Rust 1.85 (cargo says so
# itself when an older toolchain tries to build it).
set -euo pipefail
cd "$(dirname "$0")/.."

msrv=$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$msrv" ] || { echo "no rust-version in Cargo.toml" >&2; exit 1; }
case "$msrv" in *.*.*) toolchain=$msrv ;; *) toolchain=$msrv.0 ;; esac

if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  rustup toolchain install "$toolchain" --profile minimal
fi
echo "MSRV: cargo +$toolchain check --lib --locked"
cargo "+$toolchain" check --lib --locked
