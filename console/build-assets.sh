#!/usr/bin/env bash
# Bundles the Mermaid renderer (a single self-contained script) from the npm registry into the console's classes,
# so the console never loads anything from a CDN. Usage: build-assets.sh VERSION OUTPUT_DIR.
# Needs npm (Debian: apt-get install nodejs npm; .ci/run installs it). Skips the download when the asset is there.
set -euo pipefail
version=$1
out=$2
target="$out/mermaid.min.js"
if [ -s "$target" ] && [ "$(cat "$out/mermaid.version" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "build-assets.sh: npm is required to bundle mermaid $version (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "mermaid@$version" >/dev/null)
tar -xzf "$work/mermaid-$version.tgz" -C "$work" package/dist/mermaid.min.js package/LICENSE
mkdir -p "$out"
cp "$work/package/dist/mermaid.min.js" "$target"
cp "$work/package/LICENSE" "$out/mermaid.LICENSE"
echo "$version" > "$out/mermaid.version"
echo "build-assets.sh: bundled mermaid $version into $out" >&2
