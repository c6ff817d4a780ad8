#!/usr/bin/env bash
# Makes the virtual environment VENV hold exactly LOCK (hashes checked; a package installed by hand is
# removed), with the uv that LOCK pins. A stamp in the venv names the lock it was synced from, so an
# unchanged lock costs nothing and a changed one re-syncs only the packages whose pins moved.
#
# Usage: scripts/locks/sync.sh VENV LOCK
set -euo pipefail
venv="$1"
lock="$2"
stamp="$venv/.synced-lock"
want="$(sha256sum "$lock" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$(sed -n 's/^\(uv==[^ ]*\).*/\1/p' "$lock")"
"$venv/bin/uv" pip sync --quiet --python "$venv/bin/python" "$lock"
echo "$want" > "$stamp"
