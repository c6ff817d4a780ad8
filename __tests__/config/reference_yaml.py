"""What the reference makes of YAML documents: one JSON line in ({"id", "text"} or {"id", "bytes"}
in base64), one JSON line out. A value is returned as the reference sends it (pydantic's JSON mode)
with the Python types JSON would blur tagged: {"$int": "1"}, {"$float": "1.0"}, {"$set": [...]}.
An error carries its type, message and (when PyYAML marks it) 1-based line and column.
"""
import base64
import json
import sys

import yaml
from pydantic_core import to_jsonable_python


def canonical(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def conv(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"$int": str(v)}
    if isinstance(v, float):
        return {"$float": repr(v)}
    if isinstance(v, (list, tuple)):
        return [conv(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return {"$set": sorted(canonical(conv(x)) for x in v)}
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            out[next(iter(to_jsonable_python({k: None})))] = conv(x)
        return out
    return to_jsonable_python(v)


def main():
    sys.setrecursionlimit(3000)
    sys.stdout.write(f"PyYAML {yaml.__version__}\n")
    for line in sys.stdin:
        case = json.loads(line)
        out = {"id": case["id"]}
        try:
            # As the reference opens prefect.yaml: text, UTF-8.
            text = base64.b64decode(case["bytes"]).decode("utf-8") if "bytes" in case else case["text"]
        except UnicodeDecodeError as e:
            line = e.object[: e.start].decode("utf-8").count("\n") + 1
            out["error"] = {"type": type(e).__name__, "message": str(e), "line": line}
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            continue
        try:
            out["value"] = conv(yaml.safe_load(text))
        except Exception as e:  # noqa: BLE001 - every failure is an answer here
            err = {"type": type(e).__name__, "message": str(e).split("\n")[0]}
            mark = getattr(e, "problem_mark", None)
            if mark is not None:
                err["line"] = mark.line + 1
                err["column"] = mark.column + 1
            out["error"] = err
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


main()
