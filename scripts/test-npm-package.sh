#!/usr/bin/env bash
# The npm package as users get it (issue 9): builds pkg/ if it is missing (scripts/build-wasm.sh),
# then tests/js/npm-package.mjs packs it with `npm pack`, installs the tarball into a scratch
# project in a temp dir and uses it from an ES module, a CommonJS script and a plain page in
# Chromium. Installs the pinned npm devDependencies and Debian's chromium if missing.
# Usage: scripts/test-npm-package.sh   (REBUILD=1 rebuilds pkg/ first)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

if [ ! -f pkg/package.json ] || [ "${REBUILD:-}" = 1 ] \
   || [ -n "$(find src Cargo.toml Cargo.lock npm scripts/build-wasm.sh scripts/assemble-npm.mjs \
                -newer pkg/package.json 2>/dev/null | head -1)" ]; then
  bash scripts/build-wasm.sh
fi

node --test tests/js/npm-package.mjs
