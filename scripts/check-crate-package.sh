#!/usr/bin/env bash
# What crates.io would get (issue 9): `cargo package --list` holds only the library, the CLI,
# their docs, the licenses and the Rust tests/benches, every one of the files a user needs is
# there, and `cargo publish --dry-run` (which builds the packaged crate) prints no warning but
# its own "aborting upload due to dry run".
# Usage: scripts/check-crate-package.sh   (ALLOW_DIRTY=1 while working on uncommitted changes)
set -euo pipefail
cd "$(dirname "$0")/.."

dirty=()
[ "${ALLOW_DIRTY:-}" = 1 ] && dirty=(--allow-dirty)

list=$(cargo package --list "${dirty[@]}")
status=0

# Everything in the package must match one of these (shell patterns; `*` spans `/`).
allowed=(
  Cargo.toml Cargo.toml.orig Cargo.lock .cargo_vcs_info.json
  README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE docs/spec.md
  'src/*.rs' 'src/bin/cidt/*.json' 'tests/*.rs' 'tests/common/*.rs' 'tests/data/*.json' 'benches/*.rs'
)
while IFS= read -r file; do
  ok=0
  for pattern in "${allowed[@]}"; do
    # shellcheck disable=SC2053
    [[ $file == $pattern ]] && { ok=1; break; }
  done
  if [ "$ok" = 0 ]; then
    echo "!! not for crates.io: $file" >&2
    status=1
  fi
done <<<"$list"

# And nothing a user needs may be missing (docs/spec.md and CHANGELOG.md once they exist).
required=(README.md LICENSE-MIT LICENSE-APACHE src/lib.rs src/bin/cidt/main.rs src/wasm/mod.rs)
for optional in docs/spec.md CHANGELOG.md; do
  [ -f "$optional" ] && required+=("$optional")
done
for file in "${required[@]}"; do
  grep -qxF "$file" <<<"$list" || { echo "!! missing from the package: $file" >&2; status=1; }
done
[ "$status" = 0 ] || exit 1
echo "cargo package --list: $(wc -l <<<"$list") files, all expected"

# `cargo publish --dry-run` packages and builds the crate (default features), uploads nothing.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo publish --dry-run "${dirty[@]}" 2>&1 | tee "$log"
if grep '^warning' "$log" | grep -vx 'warning: aborting upload due to dry run' >/dev/null; then
  echo "!! cargo publish --dry-run printed warnings (above)" >&2
  exit 1
fi
echo "cargo publish --dry-run: clean"
