"""Runs the reference's run_steps (prefect 3.9.1 with prefect-gcp / prefect-azure) over bucket-step
cases given as JSON on stdin; prints one JSON result per case.

Each case: {"steps": [...], "cwd": "...", "env": {...}}; `env` is added to the process environment.
prefect_gcp always hands the storage client explicit credentials (google.auth.default() when none
are given), and an emulator needs none: Application Default Credentials are replaced by anonymous
ones here, which is the one change to the reference's code path. STORAGE_EMULATOR_HOST then points
its client at fake-gcs-server; Azure needs no change (a connection string names the endpoint).
"""
import asyncio
import json
import os
import sys

import google.auth
from google.auth.credentials import AnonymousCredentials

from prefect.deployments.steps.core import run_steps

# Importing it stubs out block and variable resolution (no Prefect server is needed for these cases).
import reference_steps  # noqa: E402,F401

google.auth.default = lambda *args, **kwargs: (AnonymousCredentials(), None)


def main() -> None:
    cases = json.load(sys.stdin)
    base_env = dict(os.environ)
    results = []
    for case in cases:
        os.chdir(case["cwd"])
        os.environ.clear()
        os.environ.update(base_env)
        os.environ.update(case.get("env", {}))
        try:
            outputs = asyncio.run(run_steps(case["steps"], {}, print_function=lambda *a, **k: None))
            results.append({"ok": True, "outputs": outputs})
        except Exception as exc:  # noqa: BLE001
            cause = exc.__cause__ or exc
            results.append({"ok": False, "error": str(exc), "cause_type": type(cause).__name__, "cause": str(cause)})
    # pull_from_azure_blob_storage returns its directory as a Path
    json.dump(results, sys.stdout, default=str)


if __name__ == "__main__":
    main()
