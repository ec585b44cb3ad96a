#!/usr/bin/env bash
# Everything `npm test` checks, in order: n8n's scanner lint, strict type checks (against
# n8n-workflow 1.x and 2.x), then the jest layers — the release path, pure functions, each node
# in n8n's execution engine against the local OpenDialog server, real n8n on both lines of
# test/n8n-lines.json (each installed on first run into ~/.cache/n8n-nodes-opendialog), and
# queue mode (n8n main + worker with Redis and PostgreSQL). Nothing reads dist/ before the
# real-n8n layers, whose set-up packs the package with `npm pack`: its prepack builds it.
# The last line adds up every jest run: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p .tmp
run_dir="$(mktemp -d .tmp/test-run-XXXXXX)"
trap 'rm -rf "$run_dir"' EXIT

# The slow installs run in the background while the fast checks run.
pids=()
for version in $(node -p "Object.values(require('./test/n8n-lines.json')).join(' ')"); do
  N8N_VERSION="$version" bash scripts/install-n8n.sh >"$run_dir/install-n8n-$version.log" 2>&1 &
  pids+=($!)
done
bash scripts/install-queue-services.sh >"$run_dir/install-queue-services.log" 2>&1 &
pids+=($!)

npm run lint
npm run typecheck

# Each jest run writes its counts for the closing line; a failed run does not stop the next.
# A run that finds no tests (a file filter for another layer) writes none and counts nothing.
results=()
jest_run() {
  local result="$run_dir/jest-${#results[@]}.json"
  results+=("$result")
  if JEST_COUNTS_FILE="$result" npx jest --passWithNoTests "$@"; then
    [ -f "$result" ] || echo '{"numPassedTests":0,"numFailedTests":0,"numRuntimeErrorTestSuites":0}' >"$result"
  fi
}

# The release path: a clean copy's plain `npm pack`, n8n's scanner on source and tarball, actionlint.
jest_run "$@" --selectProjects release
jest_run "$@" --selectProjects pure node

installed=true
for pid in "${pids[@]}"; do
  wait "$pid" || installed=false
done
if $installed; then
  jest_run "$@" --selectProjects n8n-1.x n8n-2.x queue
else
  cat "$run_dir"/install-*.log >&2
  echo "Installing n8n or the queue services failed (log above): the real-n8n tests did not run." >&2
  results+=("$run_dir/real-n8n-not-run.json")
fi

node scripts/jest/summary.js "${results[@]}"
