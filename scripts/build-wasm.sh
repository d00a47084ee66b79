#!/usr/bin/env bash
# Builds the WebAssembly binding: www/pkg (ES module for the browser page) and pkg-node
# (CommonJS for Node and the JS tests). Idempotent; needs rustup, cargo and (for the optional
# wasm-opt pass) npm. Usage: scripts/build-wasm.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the `=` pin of wasm-bindgen in Cargo.toml
BINARYEN_VERSION=132.0.0       # npm package `binaryen` (never Debian's)
TARGET=wasm32-unknown-unknown

if command -v rustup >/dev/null 2>&1; then
  rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  echo "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION" >&2
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

cargo build --profile wasm --target "$TARGET" --lib --no-default-features --features wasm
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
raw="$target_dir/$TARGET/wasm/callerid_transform.wasm"

rm -rf www/pkg pkg-node
wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir www/pkg "$raw"
wasm-bindgen --target nodejs --remove-name-section --remove-producers-section --out-dir pkg-node "$raw"

# Optional size pass with binaryen's wasm-opt from npm (devDependency, or npx; never Debian's),
# skipped gracefully if unavailable (SKIP_WASM_OPT=1 skips it). The result is kept only if it
# gzips smaller: rustc's opt-level z already did most of the work, and on this module -Oz
# gives fewer raw bytes but more gzipped bytes than no pass at all, while -O1 gives fewer of
# both (measured with binaryen 132). WASM_OPT_FLAGS overrides the level.
WASM_OPT_FLAGS=${WASM_OPT_FLAGS:--O1}
wasm_opt=""
if [ "${SKIP_WASM_OPT:-}" = 1 ]; then
  :
elif [ -x node_modules/.bin/wasm-opt ]; then
  wasm_opt=node_modules/.bin/wasm-opt
else
  wasm_opt="npx --yes -p binaryen@$BINARYEN_VERSION wasm-opt"
fi
gz() { gzip -9 -c "$1" | wc -c; }
# Both targets embed the same module: optimise it once and copy it (else optimise each).
optimise() {
  # shellcheck disable=SC2086
  if $wasm_opt $WASM_OPT_FLAGS --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$1" -o "$1.opt"; then
    if [ "$(gz "$1.opt")" -lt "$(gz "$1")" ]; then
      mv "$1.opt" "$1"
      echo "wasm-opt $WASM_OPT_FLAGS applied to $1"
    else
      rm -f "$1.opt"
      echo "wasm-opt $WASM_OPT_FLAGS did not shrink the gzipped $1; kept rustc's output"
    fi
  else
    rm -f "$1.opt"
    echo "wasm-opt unavailable or failed; kept rustc's output for $1" >&2
  fi
}
web=www/pkg/callerid_transform_bg.wasm
node=pkg-node/callerid_transform_bg.wasm
if [ -n "$wasm_opt" ]; then
  if cmp -s "$web" "$node"; then
    optimise "$web"
    cp "$web" "$node"
  else
    optimise "$web"
    optimise "$node"
  fi
fi

f=www/pkg/callerid_transform_bg.wasm
raw_bytes=$(wc -c <"$f")
gz_bytes=$(gz "$f")
echo "wasm size: $raw_bytes bytes raw, $gz_bytes bytes gzipped (gzip -9) [$f]"
budget=$((350 * 1024))
if [ "$gz_bytes" -gt "$budget" ]; then
  echo "wasm gzipped size $gz_bytes exceeds the budget of $budget bytes" >&2
  exit 1
fi
