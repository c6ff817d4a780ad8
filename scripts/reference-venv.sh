#!/usr/bin/env bash
# Creates the project-local virtual environment holding the reference implementation (the `prefect`
# package) that differential tests compare against. Idempotent: does nothing when it is already there.
#
# Usage: scripts/reference-venv.sh            -> prints the venv's python path on the last line
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${PREFECT_REFERENCE_VENV:-$root/.venv-ref}"
version="$(cat "$root/scripts/reference-version.txt")"

# The step packages the reference's built-in recipes use (buckets, docker), resolved together with the
# pinned prefect so that none of them moves it.
plugins=(prefect-aws prefect-gcp "prefect-azure[blob_storage]" prefect-docker)
check="import prefect, prefect_aws, prefect_gcp, prefect_azure, prefect_docker, azure.storage.blob, sys; sys.exit(prefect.__version__ != '$version')"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" 2>/dev/null; then
  echo "$venv/bin/python"
  exit 0
fi

python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
# prefect 3.9.x asks for a certifi release newer than some package indexes carry; any recent certifi
# works for what the tests exercise, so the requirement is overridden rather than the version pinned lower.
overrides="$(mktemp)"
trap 'rm -f "$overrides"' EXIT
echo "certifi>=2026.1.4" > "$overrides"
"$venv/bin/uv" pip install --quiet --python "$venv/bin/python" --override "$overrides" "prefect==$version" "${plugins[@]}"
"$venv/bin/python" -c "$check; print('prefect', prefect.__version__)" >&2
echo "$venv/bin/python"
