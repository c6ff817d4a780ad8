"""Reference side of the flow-analysis differential test.

Run with the reference venv's python (scripts/reference-venv.sh or scripts/flows-deps-venv.sh prints its path), with the corpus
directory as the working directory:

    cd __tests__/fixtures/flows-corpus && <venv>/bin/python ../../../scripts/reference-flows.py [--with-deps] [manifest.json]

Without --with-deps (the reference venv), the step packages that venv carries are hidden, so flows
importing them take Prefect's "import failed" path. With --with-deps (the venv of
scripts/flows-deps-venv.sh) nothing is hidden: the flows load as they do for a user whose flow
dependencies are installed. The document then also lists, under "importable", which top-level
modules named in the manifest's unavailableModules this venv can import.

For every manifest entry the flow is loaded exactly the way `prefect deploy` loads it
(`load_flow_from_entrypoint`, which falls back to Prefect's AST loader when executing a script
raises), and the schema is what `prefect deploy` sends: `parameter_schema(flow)` dumped with
`model_dump(exclude_unset=True)`. Prints one JSON document on stdout:

    {"prefect": "<version>", "python": "<version>",
     "results": {"<entrypoint>": {"name": ..., "description": ..., "version": ..., "schema": {...}}
                                 | {"error": "<ExceptionType>: <message>"}}}

Each entry runs in a forked child so that modules, sys.path and sys.modules changes made by one
flow file cannot leak into the next (a few children at a time); prefect itself is imported once,
before forking.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import traceback


def _prepare_environment(with_deps: bool) -> None:
    # The corpus must be found through the cwd only, as with the `prefect` console script; the
    # directory of this script is not part of a real deploy's sys.path.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    # Keep Prefect from writing into the user's ~/.prefect and from talking to any server.
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="prefect-ref-home-"))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    # The reference venv also carries the step packages (prefect-aws, -gcp, -azure, -docker and their
    # SDKs) for the steps' differential tests. The corpus describes a runner without them: flows that
    # import them must take the reference's "module import fails" path, so they stay unimportable here.
    if not with_deps:
        sys.meta_path.insert(0, _HideStepPackages())


class _HideStepPackages:
    hidden = ("prefect_aws", "prefect_gcp", "prefect_azure", "prefect_docker", "boto3", "botocore",
              "google.cloud", "azure", "docker")

    def find_spec(self, name, path=None, target=None):
        if any(name == h or name.startswith(h + ".") for h in self.hidden):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def _json_safe(value):
    """NaN/Infinity are not JSON; make them visible instead of crashing the parser on the other side."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return {"$nonFiniteFloat": repr(value)}
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def _analyze(entrypoint: str) -> dict:
    from prefect.flows import load_flow_from_entrypoint
    from prefect.utilities.callables import parameter_schema

    try:
        flow = load_flow_from_entrypoint(entrypoint)
        schema = parameter_schema(flow).model_dump(exclude_unset=True)
    except BaseException as exc:  # noqa: BLE001 - every failure is a result here
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {
        "name": flow.name,
        "description": flow.description,
        "version": flow.version,
        "schema": _json_safe(schema),
    }


def _start_isolated(entrypoint: str) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        # Flow files may print at import time; keep stdout for the JSON document.
        os.dup2(2, 1)
        try:
            payload = json.dumps(_analyze(entrypoint), allow_nan=False).encode()
        except BaseException:  # noqa: BLE001
            payload = json.dumps({"error": "HarnessError: " + traceback.format_exc()}).encode()
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_fd)
    return pid, read_fd


def _finish_isolated(pid: int, read_fd: int) -> dict:
    with os.fdopen(read_fd, "rb") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return {"error": f"HarnessError: child exited with status {status} and no output"}
    return json.loads(data)


def _run_all(entrypoints: list[str]) -> dict:
    """A few children at a time: each is independent, and most of a child's time is spent importing."""
    width = max(1, min(4, os.cpu_count() or 1))
    results, running = {}, []
    for entrypoint in entrypoints:
        running.append((entrypoint, *_start_isolated(entrypoint)))
        if len(running) >= width:
            done, pid, fd = running.pop(0)
            results[done] = _finish_isolated(pid, fd)
    for done, pid, fd in running:
        results[done] = _finish_isolated(pid, fd)
    return results


def _importable(modules: set[str]) -> list[str]:
    import importlib.util

    found = []
    for name in sorted(modules):
        try:
            if importlib.util.find_spec(name) is not None:
                found.append(name)
        except (ImportError, ValueError):
            pass
    return found


def main() -> int:
    args = sys.argv[1:]
    with_deps = "--with-deps" in args
    args = [a for a in args if a != "--with-deps"]
    _prepare_environment(with_deps)
    manifest_path = args[0] if args else "manifest.json"
    with open(manifest_path, encoding="utf-8") as fh:
        manifest = json.load(fh)

    import prefect  # imported once before forking so every child starts warm
    import prefect.flows  # noqa: F401
    import prefect.utilities.callables  # noqa: F401

    importable = None
    if with_deps:
        named = {m for e in manifest["entries"] for m in e.get("unavailableModules", [])}
        importable = _importable(named)
        # Imported once here, like prefect, so that each child does not pay for pandas or dbt again;
        # a flow importing them gets the same modules it would import itself.
        for name in importable:
            try:
                __import__(name)
            except Exception:  # noqa: BLE001 - the flow's own import will report it
                pass

    results = _run_all([entry["entrypoint"] for entry in manifest["entries"]])

    document = {
        "prefect": prefect.__version__,
        "python": sys.version.split()[0],
        "results": results,
    }
    if importable is not None:
        document["importable"] = importable
    sys.stdout.write(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
