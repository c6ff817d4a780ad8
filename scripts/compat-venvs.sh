#!/usr/bin/env bash
# Creates one virtual environment per Prefect server release the compatibility suite deploys to, each
# from its lock in scripts/compat/ (every package pinned, resolved as of that release's date with
# `uv pip compile --exclude-newer`, so an old server runs with the dependencies it shipped with).
# Idempotent: a venv whose installed set already matches its lock is left as it is.
#
# Usage: scripts/compat-venvs.sh [VERSION...]   -> prints "VERSION PYTHON" per venv, one a line
# To add a release: echo "prefect==X.Y.Z" | uv pip compile - --exclude-newer <its upload time>
#   --python-version 3.11 --no-header --no-annotate -o scripts/compat/prefect-X.Y.Z.lock
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${PREFECT_COMPAT_VENVS:-$root/.venv-compat}"

# uv comes with the reference venv (CI creates it first); made here only when it is missing, since its
# check imports prefect and takes seconds.
uv="${PREFECT_REFERENCE_VENV:-$root/.venv-ref}/bin/uv"
[ -x "$uv" ] || uv="$(dirname "$(bash "$root/scripts/reference-venv.sh" | tail -n 1)")/uv"

if [ "$#" -eq 0 ]; then
  set -- $(ls "$root/scripts/compat" | sed -n 's/^prefect-\(.*\)\.lock$/\1/p' | sort -V)
fi

mkdir -p "$base"
for version in "$@"; do
  lock="$root/scripts/compat/prefect-$version.lock"
  [ -f "$lock" ] || { echo "no lock for prefect $version (scripts/compat/prefect-$version.lock)" >&2; exit 1; }
  venv="$base/$version"
  stamp="$venv/.lock-sha256"
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  if [ ! -x "$venv/bin/prefect" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    # The locks were resolved for Python 3.11; any other found on the machine is the fallback (no downloads).
    [ -x "$venv/bin/python" ] || UV_PYTHON_DOWNLOADS=never "$uv" venv --quiet --python 3.11 "$venv" >&2 \
      || UV_PYTHON_DOWNLOADS=never "$uv" venv --quiet --python python3 "$venv" >&2
    "$uv" pip sync --quiet --python "$venv/bin/python" "$lock" >&2
    "$venv/bin/python" -c "import prefect, sys; sys.exit(prefect.__version__ != '$version')"
    echo "$want" > "$stamp"
  fi
  echo "$version $venv/bin/python"
done
