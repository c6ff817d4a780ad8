"""Runs prefect-docker 0.7.4's build_docker_image / push_docker_image over cases given as JSON on stdin.

Each case: {"step": "build" | "push", "cwd": "...", "inputs": {...}}. The process environment
(DOCKER_HOST, DOCKER_CONFIG, PREFECT_DEFAULT_DOCKER_BUILD_NAMESPACE) is set by the caller before
prefect is imported, as prefect reads its settings once. Prints one JSON result per case.
"""
import io
import json
import os
import sys

from prefect_docker.deployments.steps import build_docker_image, push_docker_image

STEPS = {"build": build_docker_image, "push": push_docker_image}


def main() -> None:
    cases = json.load(sys.stdin)
    real_stdout = sys.stdout
    results = []
    for case in cases:
        os.chdir(case["cwd"])
        sys.stdout = io.StringIO()
        try:
            outputs = STEPS[case["step"]](**case["inputs"])
            results.append({"ok": True, "outputs": outputs})
        except Exception as exc:  # noqa: BLE001
            results.append({"ok": False, "error_type": type(exc).__name__, "error": str(exc)})
        finally:
            results[-1]["streamed"] = sys.stdout.getvalue()
            sys.stdout = real_stdout
    json.dump(results, real_stdout)


if __name__ == "__main__":
    main()
