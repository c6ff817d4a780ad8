#!/usr/bin/env bash
# Creates the venv for the flow analyser's with-dependencies differential test: the reference prefect
# plus the third-party packages the flow corpus imports, so that the reference loads each flow the way
# a user's `prefect deploy` does (with the flow's dependencies installed) rather than through its
# "import failed" fallback. Installs exactly scripts/locks/flows-deps.lock (re-resolved by
# scripts/locks/compile.sh); does nothing when the venv was already synced from that lock.
#
# Usage: scripts/flows-deps-venv.sh            -> prints the venv's python path on the last line
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${PREFECT_FLOWS_DEPS_VENV:-$root/.venv-flows-deps}"
bash "$root/scripts/locks/sync.sh" "$venv" "$root/scripts/locks/flows-deps.lock"
echo "$venv/bin/python"
