#!/usr/bin/env bash
# Installs from Debian's packages what the console module needs, if missing: nodejs and npm (the build bundles the
# Mermaid renderer from the npm registry) and Chromium with its driver (the console's browser test). Idempotent.
set -euo pipefail
missing=()
command -v npm >/dev/null || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "chromium.sh: installing ${missing[*]} from Debian packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
echo "chromium.sh: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version 2>/dev/null | head -1), npm $(npm --version)" >&2
