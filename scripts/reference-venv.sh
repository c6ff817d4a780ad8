#!/usr/bin/env bash
# Creates the project-local virtual environment holding the reference implementation (the `prefect`
# package, its step packages and every dependency, exactly as pinned in scripts/locks/reference.lock)
# that differential tests compare against. Idempotent: does nothing when the venv was already synced
# from this very lock.
#
# Usage: scripts/reference-venv.sh            -> prints the venv's python path on the last line
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${PREFECT_REFERENCE_VENV:-$root/.venv-ref}"
# The lock test (__tests__/setup/locks.process.test.ts) checks the venv against the lock and the lock's prefect
# against scripts/reference-version.txt.
bash "$root/scripts/locks/sync.sh" "$venv" "$root/scripts/locks/reference.lock"
echo "$venv/bin/python"
