#!/usr/bin/env bash
# Tests the WebAssembly binding from JavaScript: installs the pinned npm devDependencies,
# builds the binding if it is missing or older than the Rust sources (scripts/build-wasm.sh),
# runs the Node tests in tests/js/ and type-checks tests/js/usage.ts.
# Usage: scripts/test-js.sh   (REBUILD=1 forces a build)
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

pkg=pkg-node/callerid_transform_bg.wasm
if [ "${REBUILD:-}" = 1 ] || [ ! -f "$pkg" ] || [ ! -f www/pkg/callerid_transform_bg.wasm ] \
   || [ -n "$(find src Cargo.toml Cargo.lock scripts/build-wasm.sh -newer "$pkg" 2>/dev/null | head -1)" ]; then
  scripts/build-wasm.sh
fi

node --test tests/js/
npx tsc -p tests/js
echo "tsc: tests/js/usage.ts type-checks"
