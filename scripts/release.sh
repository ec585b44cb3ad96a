#!/usr/bin/env bash
# Cuts a release the way `n8n-node release` does, with this package's full test run:
# checks, version bump, changelog entry, commit, tag, push. Pushing the tag starts
# .github/workflows/publish.yml, which tests again and publishes with npm provenance.
#   npm run release -- <patch|minor|major|x.y.z>
set -euo pipefail
cd "$(dirname "$0")/.."

bump="${1:-}"
if [ -z "$bump" ]; then
  echo "Usage: npm run release -- <patch|minor|major|x.y.z>" >&2
  exit 2
fi
if [ "$(git rev-parse --abbrev-ref HEAD)" != main ]; then
  echo "Releases are cut from main; switch to it first." >&2
  exit 1
fi
if [ -n "$(git status --porcelain)" ]; then
  echo "The working tree has uncommitted changes; commit or stash them first." >&2
  exit 1
fi
git fetch --quiet origin main
if [ "$(git rev-parse HEAD)" != "$(git rev-parse origin/main)" ]; then
  echo "main differs from origin/main; pull or push first." >&2
  exit 1
fi

# Lint (n8n's rules, Prettier), build, type checks, the release checks and every test layer.
npm test

version="$(npm version "$bump" --no-git-tag-version --allow-same-version)"
version="${version#v}"
npx ts-node --transpile-only scripts/changelog.ts "$version"
git add package.json package-lock.json CHANGELOG.md
git diff --cached --quiet || git commit --quiet -m "Release $version"
git tag -a "$version" -m "Release $version"
git push --quiet origin HEAD "refs/tags/$version"
echo "Pushed tag $version: the Publish workflow now tests and publishes it with provenance."
