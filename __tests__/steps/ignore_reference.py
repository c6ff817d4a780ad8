"""Reference side of __tests__/steps/ignore.process.test.ts (run with the .venv-ref python).

stdin: {"trees": [{id, root, provider, folder, ignore_file}], "patterns": [{id, lines, paths}]}
stdout: {"trees": {id: {"files": [[relative, key], ...]} | {"error": str}},
         "patterns": {id: {"ignored": [bool, ...]} | {"error": str}}}

The provider packages (prefect-aws 0.7.12, prefect-gcp 0.6.22, prefect-azure 0.4.13) cannot be
installed next to prefect 3.9.1 (they pull prefect 3.8.8), so their push steps' file walk is
reproduced here verbatim from their deployments/steps.py, with the upload call replaced by a record
of (local relative path, key). filter_files is prefect's own.
"""

import json
import os
import sys
from pathlib import Path

import pathspec
from prefect.utilities.filesystem import filter_files


def push_to_s3(folder, ignore_file, upload):
    # prefect_aws/deployments/steps.py, push_to_s3
    local_path = Path.cwd()
    included_files = None
    if ignore_file and Path(ignore_file).exists():
        with open(ignore_file, "r") as f:
            ignore_patterns = [line.strip() for line in f]
        included_files = filter_files(str(local_path), ignore_patterns)
    for local_file_path in local_path.expanduser().rglob("*"):
        if (
            included_files is not None
            and str(local_file_path.relative_to(local_path)) not in included_files
        ):
            continue
        elif not local_file_path.is_dir():
            remote_file_path = Path(folder) / local_file_path.relative_to(local_path)
            upload(local_file_path, str(remote_file_path.as_posix()))


def push_to_gcs(folder, ignore_file, upload):
    # prefect_gcp/deployments/steps.py, push_to_gcs
    local_path = Path.cwd()
    included_files = None
    if ignore_file and Path(ignore_file).exists():
        with open(ignore_file, "r") as f:
            ignore_patterns = f.readlines()
        included_files = filter_files(str(local_path), ignore_patterns)
    for local_file_path in local_path.expanduser().rglob("*"):
        relative_local_file_path = local_file_path.relative_to(local_path)
        if (
            included_files is not None
            and str(relative_local_file_path) not in included_files
        ):
            continue
        elif not local_file_path.is_dir():
            remote_file_path = (folder / relative_local_file_path).as_posix()
            upload(local_file_path, remote_file_path)


def push_to_azure_blob_storage(folder, ignore_file, upload):
    # prefect_azure/deployments/steps.py, push_to_azure_blob_storage
    local_path = Path.cwd()
    included_files = None
    if ignore_file and Path(ignore_file).exists():
        with open(ignore_file, "r") as f:
            ignore_patterns = f.readlines()
        included_files = filter_files(str(local_path), ignore_patterns)
    for local_file_path in local_path.expanduser().rglob("*"):
        if (
            included_files is not None
            and str(local_file_path.relative_to(local_path)) not in included_files
        ):
            continue
        elif not local_file_path.is_dir():
            remote_file_path = Path(folder) / local_file_path.relative_to(local_path)
            upload(local_file_path, str(remote_file_path))


STEPS = {"s3": push_to_s3, "gcs": push_to_gcs, "azure": push_to_azure_blob_storage}


def error_text(exc):
    return f"{type(exc).__name__}: {exc}"


def run_tree(case):
    files = []
    root = case["root"]
    cwd = os.getcwd()
    os.chdir(root)
    try:
        STEPS[case["provider"]](
            case["folder"],
            case.get("ignore_file", ".prefectignore"),
            lambda local, key: files.append(
                [local.relative_to(Path.cwd()).as_posix(), key]
            ),
        )
    except Exception as exc:  # noqa: BLE001 - reported to the test
        return {"error": error_text(exc)}
    finally:
        os.chdir(cwd)
    return {"files": sorted(files)}


def run_patterns(case):
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(case["lines"])
        return {"ignored": [spec.check_file(p).include is True for p in case["paths"]]}
    except Exception as exc:  # noqa: BLE001
        return {"error": error_text(exc)}


def main():
    request = json.load(sys.stdin)
    out = {
        "trees": {c["id"]: run_tree(c) for c in request.get("trees", [])},
        "patterns": {c["id"]: run_patterns(c) for c in request.get("patterns", [])},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
