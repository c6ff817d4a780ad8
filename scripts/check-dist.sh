#!/usr/bin/env bash
# dist/ is what users run (the action's main, the npm package's bin): it must be exactly what src/
# builds to, file modes included (dist/cli.js is executable). Used by the check-dist and release
# workflows; needs the dependencies installed (npm ci).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run build --silent
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "::error::dist/ differs from a fresh build; run npm run build and commit dist/"
  git status --short -- dist
  git diff --stat -- dist
  exit 1
fi
echo "dist/ is up to date"
