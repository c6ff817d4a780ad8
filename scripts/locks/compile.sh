#!/usr/bin/env bash
# Re-resolves the locked Python environments from their top-level requirements:
#   reference.in (+ prefect from ../reference-version.txt) -> reference.lock   (scripts/reference-venv.sh)
#   peers.in                                               -> peers.lock       (scripts/peers-install.sh)
#   flows-deps.in (+ prefect)                              -> flows-deps.lock  (scripts/flows-deps-venv.sh)
# Run it when a top-level requirement changes, or to take newer dependencies on purpose; the locks are
# what every machine installs, so the reference behaves the same everywhere until they are re-made.
# Needs the reference venv's uv (bash scripts/reference-venv.sh first).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
uv="${UV:-$root/.venv-ref/bin/uv}"
python="$(command -v python3)"
cd "$here"
compile() {
  "$uv" pip compile --quiet --python "$python" --generate-hashes --override overrides.txt --custom-compile-command "bash scripts/locks/compile.sh" -o "$@"
}
compile reference.lock reference.in - <<<"prefect==$(cat "$root/scripts/reference-version.txt")"
compile peers.lock peers.in
compile flows-deps.lock flows-deps.in - <<<"prefect==$(cat "$root/scripts/reference-version.txt")"
