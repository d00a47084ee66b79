#!/usr/bin/env bash
# Tests the WebAssembly binding from JavaScript: installs the pinned npm devDependencies,
# builds the binding if it is missing or older than the Rust sources (scripts/build-wasm.sh),
# builds the `cidt` CLI (the trace test compares with `cidt trace --json`), runs the Node tests
# in tests/js/ and type-checks tests/js/usage.ts.
# Usage: scripts/test-js.sh   (REBUILD=1 forces a build)
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

pkg=pkg/web/callerid_transform_bg.wasm
if [ "${REBUILD:-}" = 1 ] || [ ! -f "$pkg" ] || [ ! -f pkg/node/callerid_transform.cjs ] \
   || [ ! -f www/pkg/callerid_transform_bg.wasm ] \
   || [ -n "$(find src Cargo.toml Cargo.lock npm scripts/build-wasm.sh scripts/assemble-npm.mjs \
                -newer "$pkg" 2>/dev/null | head -1)" ]; then
  scripts/build-wasm.sh
fi

cargo build --quiet --features cli --bin cidt
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
export CIDT="$target_dir/debug/cidt"

node --test tests/js/
npx tsc -p tests/js
echo "tsc: tests/js/usage.ts type-checks"
