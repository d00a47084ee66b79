#!/usr/bin/env bash
# Browser tests of the preview page (www/) in real Chromium, driven by playwright-core.
# Installs Debian's chromium if it is missing, installs the npm dev dependencies, builds the
# WebAssembly package into www/pkg if it is missing, then runs tests/browser/*.test.mjs.
# Usage: scripts/test-browser.sh   (REBUILD_WASM=1 rebuilds www/pkg even if present)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

npm ci --no-audit --no-fund

if [ ! -f www/pkg/callerid_transform.js ] || [ "${REBUILD_WASM:-}" = 1 ]; then
  bash scripts/build-wasm.sh
fi

mkdir -p test-artifacts
node --test tests/browser/
