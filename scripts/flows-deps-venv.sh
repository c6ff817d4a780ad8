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
lock="$root/scripts/locks/flows-deps.lock"

# The stamp is the lock's hash: an edited lock re-syncs the venv, an unchanged one costs nothing.
want="$(sha256sum "$lock" | cut -d' ' -f1)"
stamp="$venv/.synced-lock"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "$venv/bin/python"
  exit 0
fi

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$(sed -n 's/^\(uv==[^ ]*\).*/\1/p' "$lock")"
# sync: exactly the lock, nothing more, hashes checked.
"$venv/bin/uv" pip sync --quiet --python "$venv/bin/python" "$lock"
"$venv/bin/python" -c "import prefect; print('prefect', prefect.__version__)" >&2
echo "$want" > "$stamp"
echo "$venv/bin/python"
