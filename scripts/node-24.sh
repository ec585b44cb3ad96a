#!/usr/bin/env bash
# Node 24 from the npm registry (the package `node` ships the binary), for a machine whose
# own Node is older than the 22 this package is developed on. Installs it once into the cache
# and prints its bin folder:  export PATH="$(bash scripts/node-24.sh):$PATH"
set -euo pipefail

dir="${OPENDIALOG_N8N_CACHE:-$HOME/.cache/n8n-nodes-opendialog}/node-24"
# The package installs the binary of this platform as node-<os>-<cpu>.
find_bin() { compgen -G "$dir/node_modules/node/node_modules/node-*/bin" | head -n 1; }
if [ -z "$(find_bin)" ]; then
  # Not this package's npm settings: the `node` package's own install script fetches the binary.
  while IFS= read -r name; do unset "$name"; done < <(env | grep -o '^npm_config_[^=]*' || true)
  mkdir -p "$dir"
  (cd "$dir" && echo '{"private":true}' >package.json &&
    npm install --no-audit --no-fund --ignore-scripts=false node@24 >install.log 2>&1) || {
    cat "$dir/install.log" >&2
    exit 1
  }
fi
find_bin
