#!/usr/bin/env bash
# Creates the venv for the flow analyser's with-dependencies differential test: the reference prefect
# plus the third-party packages the flow corpus imports, so that the reference loads each flow the way
# a user's `prefect deploy` does (with the flow's dependencies installed) rather than through its
# "import failed" fallback. Installs exactly scripts/flows-deps.lock; does nothing when the venv
# already holds that lock.
#
# Usage: scripts/flows-deps-venv.sh            -> prints the venv's python path on the last line
#        scripts/flows-deps-venv.sh --compile  -> re-resolves scripts/flows-deps.in into the lock
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${PREFECT_FLOWS_DEPS_VENV:-$root/.venv-flows-deps}"
lock="$root/scripts/flows-deps.lock"

find_uv() {
  if command -v uv >/dev/null 2>&1; then command -v uv
  elif [ -x "$root/.venv-ref/bin/uv" ]; then echo "$root/.venv-ref/bin/uv"
  else
    # Outside the venv: `uv pip sync` removes whatever the lock does not list.
    local tool="$root/.tmp/uv-tool"
    [ -x "$tool/bin/uv" ] || { python3 -m venv "$tool" && "$tool/bin/python" -m pip install --quiet --disable-pip-version-check uv; }
    echo "$tool/bin/uv"
  fi
}

if [ "${1:-}" = "--compile" ]; then
  cd "$root"
  version="$(cat scripts/reference-version.txt)"
  grep -qx "prefect==$version" scripts/flows-deps.in || { echo "scripts/flows-deps.in must pin prefect==$version" >&2; exit 1; }
  # Same override as scripts/reference-venv.sh: prefect 3.9.x asks for a certifi newer than some indexes carry.
  "$(find_uv)" pip compile --quiet --python-version 3.11 --override scripts/flows-deps-overrides.txt \
    scripts/flows-deps.in -o scripts/flows-deps.lock
  exit 0
fi

# The stamp is the lock's hash: an edited lock re-syncs the venv, an unchanged one costs one python start.
want="$(sha256sum "$lock" | cut -d' ' -f1)"
stamp="$venv/.flows-deps-lock"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && "$venv/bin/python" -c '' 2>/dev/null; then
  echo "$venv/bin/python"
  exit 0
fi

uv="$(find_uv)"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$uv" pip sync --quiet --python "$venv/bin/python" "$lock"
"$venv/bin/python" -c "import prefect; print('prefect', prefect.__version__)" >&2
echo "$want" > "$stamp"
echo "$venv/bin/python"
