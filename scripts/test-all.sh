#!/usr/bin/env bash
# Everything `npm test` checks, in order: build, n8n's scanner lint, strict type checks
# (against n8n-workflow 1.x and 2.x), then the three jest layers — pure functions, each
# node in n8n's execution engine against the local OpenDialog server, and real n8n
# (installed on first run into ~/.cache/n8n-nodes-opendialog, a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
npm run lint
npm run typecheck
# The release path: a clean copy's plain `npm pack`, n8n's scanner on source and tarball, actionlint.
npx jest --selectProjects release
npx jest --selectProjects pure node n8n "$@"
