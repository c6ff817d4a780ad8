"""Runs the reference's run_steps over cases given as JSON on stdin; prints one JSON result per case.

Each case: {"steps": [...], "cwd": "...", "env": {...}}. The process environment is replaced by the
case's env (the reference reads os.environ for `{{ $VAR }}` and as the subprocess base environment).
"""
import asyncio
import io
import json
import os
import sys

import prefect.deployments.steps.core as core
from prefect.deployments.steps.core import run_steps


async def _no_server(template, *args, **kwargs):
    return template


# The cases hold no block or variable references; without these stubs the reference would start a
# temporary Prefect server just to find that out.
core.resolve_block_document_references = _no_server
core.resolve_variables = _no_server


def main() -> None:
    cases = json.load(sys.stdin)
    real_stdout = sys.stdout
    results = []
    for case in cases:
        os.chdir(case["cwd"])
        os.environ.clear()
        os.environ.update(case["env"])
        printed = []
        # stream_output tees to sys.stdout/sys.stderr; keep it out of the JSON and the test log
        sys.stdout = io.StringIO()
        sys.stderr = io.StringIO()
        try:
            outputs = asyncio.run(run_steps(case["steps"], {}, print_function=lambda *a, **k: printed.append(a[0] if a else "")))
            results.append({"ok": True, "outputs": outputs, "printed": printed})
        except Exception as exc:  # noqa: BLE001
            cause = exc.__cause__ or exc
            results.append({
                "ok": False,
                "error": str(exc),
                "cause_type": type(cause).__name__,
                "cause": str(cause),
                "printed": printed,
            })
        finally:
            streamed = sys.stdout.getvalue()
            sys.stdout = real_stdout
            sys.stderr = sys.__stderr__
        results[-1]["streamed"] = streamed
    json.dump(results, real_stdout)


if __name__ == "__main__":
    main()
