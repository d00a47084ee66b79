#!/usr/bin/env bash
# Builds the WebAssembly binding as the npm package `callerid-transform` in pkg/ (ready for
# `npm pack pkg`), and copies its browser build to www/pkg/ for the preview page.
#
#   pkg/             package.json, README.md, licenses, index.js (browsers, bundlers), node.js
#                    (Node ESM), index.d.ts: hand-written in npm/, copied by scripts/assemble-npm.mjs
#   pkg/web/         wasm-bindgen --target web: ES module glue and the .wasm (also www/pkg/)
#   pkg/node/        wasm-bindgen --target nodejs: CommonJS glue, sharing pkg/web's .wasm
#
# Idempotent; needs rustup, cargo, node and (for the optional wasm-opt pass) npm. Installs the
# wasm32 target and wasm-bindgen-cli when missing. Prints the .wasm's size: the figure the docs
# point to. Usage: scripts/build-wasm.sh
#
# CRATE_OPT_LEVEL=3 scripts/build-wasm.sh builds this crate at another opt-level than the
# shipped "s" (Cargo.toml's profile.wasm.package.callerid-transform): an experiment build, for
# `CIDT_PKG=<a copy of pkg> node scripts/bench-js.mjs` (docs/wasm.md, Size); above the size
# budget it warns instead of failing. Rebuild without it before shipping or testing.
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
  # --locked: the versions wasm-bindgen-cli was released with. A registry mirror that lacks one
  # of them makes that fail; then say so and resolve afresh rather than stop the build.
  if ! cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked; then
    echo "!! cargo install --locked failed; retrying without --locked" >&2
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
fi

opt_level_override=()
if [ -n "${CRATE_OPT_LEVEL:-}" ]; then
  opt_level_override=(--config "profile.wasm.package.callerid-transform.opt-level=$CRATE_OPT_LEVEL")
  echo "experiment build: this crate at opt-level $CRATE_OPT_LEVEL (shipped: \"s\")" >&2
fi
cargo build --profile wasm --target "$TARGET" --lib --no-default-features --features wasm \
  "${opt_level_override[@]}"
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
raw="$target_dir/$TARGET/wasm/callerid_transform.wasm"

rm -rf pkg www/pkg pkg-node
bindgen() { wasm-bindgen --remove-name-section --remove-producers-section "$@" "$raw"; }
bindgen --target web --out-dir pkg/web
bindgen --target nodejs --out-dir pkg/.node-raw

# Optional size pass with binaryen's wasm-opt from npm (devDependency, or npx; never Debian's),
# skipped gracefully if unavailable (SKIP_WASM_OPT=1 skips it). The result is kept only if it
# gzips smaller: profile.wasm (opt-level 3, LTO) already did most of the work, and on this
# module -Oz gives fewer raw bytes but more gzipped bytes than no pass at all, while -O1 gives
# fewer of both (measured with binaryen 132). WASM_OPT_FLAGS overrides the level.
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
wasm=pkg/web/callerid_transform_bg.wasm
if [ -n "$wasm_opt" ]; then
  # shellcheck disable=SC2086
  if $wasm_opt $WASM_OPT_FLAGS --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$wasm" -o "$wasm.opt"; then
    if [ "$(gz "$wasm.opt")" -lt "$(gz "$wasm")" ]; then
      mv "$wasm.opt" "$wasm"
      echo "wasm-opt $WASM_OPT_FLAGS applied"
    else
      rm -f "$wasm.opt"
      echo "wasm-opt $WASM_OPT_FLAGS did not shrink the gzipped module; kept rustc's output"
    fi
  else
    rm -f "$wasm.opt"
    echo "wasm-opt unavailable or failed; kept rustc's output" >&2
  fi
fi

# The package around the two builds (the nodejs build loads pkg/web's .wasm).
node scripts/assemble-npm.mjs

# The preview page imports www/pkg/callerid_transform.js: the package's browser build.
mkdir -p www/pkg
cp -R pkg/web/. www/pkg/

raw_bytes=$(wc -c <"$wasm")
gz_bytes=$(gz "$wasm")
echo "wasm size: $raw_bytes bytes raw, $gz_bytes bytes gzipped (gzip -9) [$wasm]"
budget=$((350 * 1024))
if [ "$gz_bytes" -gt "$budget" ]; then
  echo "wasm gzipped size $gz_bytes exceeds the budget of $budget bytes" >&2
  [ -n "${CRATE_OPT_LEVEL:-}" ] || exit 1
fi
