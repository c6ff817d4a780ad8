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
lock="$root/scripts/locks/reference.lock"
version="$(cat "$root/scripts/reference-version.txt")"
check="import prefect, prefect_aws, prefect_gcp, prefect_azure, prefect_docker, azure.storage.blob, sys; sys.exit(prefect.__version__ != '$version')"

# The stamp names the lock the venv was synced from; a changed lock re-syncs (a sync only touches
# the packages whose pins moved).
stamp="$venv/.synced-lock"
want="$(sha256sum "$lock" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "$venv/bin/python"
  exit 0
fi

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
uv_pin="$(sed -n 's/^\(uv==[^ ]*\).*/\1/p' "$lock")"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$uv_pin"
# sync: exactly the lock, nothing more (a package installed by hand is removed), hashes checked.
"$venv/bin/uv" pip sync --quiet --python "$venv/bin/python" "$lock"
"$venv/bin/python" -c "$check; print('prefect', prefect.__version__)" >&2
echo "$want" > "$stamp"
echo "$venv/bin/python"
